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

    /// <summary>Renames the finished temporary file over <paramref name="finalPath"/>.</summary>
    public static void Commit(string temporaryPath, string finalPath) => File.Move(temporaryPath, finalPath, overwrite: true);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="finalPath"/> atomically.</summary>
    public static void WriteAllBytes(string finalPath, ReadOnlySpan<byte> bytes)
    {
        var temporary = TemporaryPathFor(finalPath);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
                stream.Write(bytes);
            Commit(temporary, finalPath);
        }
        finally
        {
            DeleteIfPresent(temporary);
        }
    }

    /// <summary>Deletes a file if it exists; a missing file or folder is not an error.</summary>
    public static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
            File.Delete(path);
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
