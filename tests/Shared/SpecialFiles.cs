using System.Diagnostics;

namespace Tdm.Tests;

/// <summary>Files that are not regular files, for the tests of their refusal, made in a test's temporary folder.</summary>
internal static class SpecialFiles
{
    /// <summary>Makes a FIFO (named pipe) at <paramref name="path"/> with coreutils' mkfifo. Nothing ever writes to it:
    /// a reader that opened it would block forever, which is what the code under test must avoid.</summary>
    public static string MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"mkfifo {path} failed with exit code {process.ExitCode}");
        return path;
    }

    /// <summary>A symbolic link at <paramref name="path"/> to /dev/full, where every write fails with "No space left
    /// on device" (ENOSPC): a full disk for one file, without filling one.</summary>
    public static string DiskFull(string path)
    {
        File.CreateSymbolicLink(path, "/dev/full");
        return path;
    }
}
