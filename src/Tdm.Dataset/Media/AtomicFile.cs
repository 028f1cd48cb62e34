using Tdm.Engine;

namespace Tdm.Dataset.Media;

/// <summary>
/// Writing a file so that no reader ever sees half of it: write a temporary file in the same folder (same file
/// system, so the rename is atomic), then rename it over the final name. Temporary names carry the process id, so
/// farm machines writing into one folder never touch each other's files.
/// </summary>
public static class AtomicFile
{
    /// <summary>The temporary name this process uses for <paramref name="finalPath"/>: ".NAME.PID.tmp" beside it.</summary>
    public static string TemporaryPathFor(string finalPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(finalPath)) ?? ".", $".{Path.GetFileName(finalPath)}.{Environment.ProcessId}.tmp");

    /// <summary>Renames the finished temporary file over <paramref name="finalPath"/>; a failure is an Output error
    /// naming the file.</summary>
    public static void Commit(string temporaryPath, string finalPath)
    {
        try
        {
            File.Move(temporaryPath, finalPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(finalPath, e);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="finalPath"/> atomically. A failure (a full disk,
    /// a read-only or vanished folder) is an Output error naming the file; the final name is never half written.</summary>
    public static void WriteAllBytes(string finalPath, ReadOnlySpan<byte> bytes)
    {
        var temporary = TemporaryPathFor(finalPath);
        try
        {
            try
            {
                using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
                stream.Write(bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CannotWrite(finalPath, e);
            }
            Commit(temporary, finalPath);
        }
        finally
        {
            DeleteIfPresent(temporary);
        }
    }

    private const int NoSpace = 28, QuotaExceeded = 122; // Linux errno values

    /// <summary>True for "no space left on device" and "disk quota exceeded" (.NET's IOException carries the errno
    /// as its HResult on Unix).</summary>
    public static bool IsDiskFull(Exception e) => e is IOException { HResult: NoSpace or QuotaExceeded };

    /// <summary>The Output error for a file that could not be written.</summary>
    public static TdmException CannotWrite(string finalPath, Exception cause) =>
        new(TdmErrorKind.Output, $"cannot write '{finalPath}': {cause.Message.TrimEnd('.')}" +
            (IsDiskFull(cause) ? "; free some space or choose another -o: frames already written are kept and a rerun resumes" : ""), cause);

    /// <summary>Deletes a file if it exists; a missing file or folder is not an error.</summary>
    public static void DeleteIfPresent(string path)
    {
        try
        {
            if (File.Exists(path))
                File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleanup never hides the error that brought us here; a leftover is removed by the next run (RemoveStale).
        }
    }

    /// <summary>
    /// Deletes temporary files left for <paramref name="finalPath"/> by a process that was killed (any pid but
    /// ours is stale only if that process is gone; a live one may be another farm job on the same frame).
    /// </summary>
    public static void RemoveStale(string finalPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(finalPath)) ?? ".";
        if (!Directory.Exists(directory))
            return;
        var prefix = $".{Path.GetFileName(finalPath)}.";
        foreach (var file in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
        {
            var pidText = Path.GetFileName(file)[prefix.Length..^".tmp".Length];
            if (int.TryParse(pidText, out var pid) && (pid == Environment.ProcessId || !ProcessIsAlive(pid)))
                File.Delete(file);
        }
    }

    private static bool ProcessIsAlive(int pid) => Directory.Exists($"/proc/{pid}");
}
