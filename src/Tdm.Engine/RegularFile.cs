using System.Runtime.InteropServices;

namespace Tdm.Engine;

/// <summary>
/// Refuses paths that are not regular files before anything opens them: opening a FIFO blocks until a writer
/// appears (forever, and past SIGTERM, since the thread is inside open()), a device can be endless. The engine checks
/// every file it reads (checkpoints, configs, tokenizer files); the shells check their own inputs with it.
/// </summary>
public static partial class RegularFile
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28; // struct statx: mask u32, blksize u32, attributes u64, nlink u32, uid u32, gid u32, mode u16
    private const int StatxSize = 256;

    /// <summary>
    /// Why <paramref name="path"/> must not be opened ("a FIFO (named pipe)", "a character device", "a block
    /// device", "a socket", "a symbolic link whose target does not exist"), or null for a regular file, a folder or a path that
    /// does not exist: callers word those themselves. Symbolic links are followed.
    /// </summary>
    public static string? Problem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux() || path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
            return null;
        int mode = Mode(Path.GetFullPath(path));
        if (mode < 0)
            return IsDanglingLink(path) ? DanglingLink : null;
        return (mode & 0xF000) switch
        {
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => null, // regular file (0x8000) or folder (0x4000)
        };
    }

    /// <summary>Throws a <see cref="TdmException"/> of <paramref name="kind"/> naming <paramref name="what"/> and the
    /// path when <see cref="Problem"/> finds one.</summary>
    /// <param name="path">The path about to be read.</param>
    /// <param name="what">What it is for the user ("input", "ControlNet").</param>
    /// <param name="kind">The kind of error to throw.</param>
    public static void Require(string path, string what, TdmErrorKind kind)
    {
        if (Problem(path) is { } problem)
            throw new TdmException(kind, Message(path, what, problem));
    }

    /// <summary>The sentence for a refused path.</summary>
    internal static string Message(string path, string what, string problem) => problem == DanglingLink
        ? $"{what} '{path}' is {problem}"
        : $"{what} '{path}' is {problem}, not a regular file; give a file (reading a pipe or device could block forever)";

    private const string DanglingLink = "a symbolic link whose target does not exist";

    private static unsafe int Mode(string fullPath)
    {
        byte* buffer = stackalloc byte[StatxSize];
        try
        {
            if (statx(AtFdCwd, fullPath, 0, StatxType, buffer) != 0)
                return -1;
        }
        catch (EntryPointNotFoundException)
        {
            return -1; // a C library older than glibc 2.28: nothing to check with; the open below decides
        }
        return *(ushort*)(buffer + StatxModeOffset);
    }

    private static bool IsDanglingLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string pathname, int flags, uint mask, byte* statxbuf);
}
