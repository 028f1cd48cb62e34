namespace Tdm.Engine.Runtime;

/// <summary>
/// The engine's cache folder (built graphs, converted weights) is written during every render: even a model whose
/// weights need no conversion writes the small step graphs' (empty) blobs there. So it is proven writable once,
/// before a model is loaded, rather than failing mid-render with a raw IOException.
/// </summary>
internal static class CacheFolder
{
    /// <summary>Creates <paramref name="folder"/> if needed and writes and deletes a probe file in it; a folder that
    /// is a file, read-only or otherwise unwritable is an <see cref="TdmErrorKind.Output"/> error naming it.</summary>
    public static void Prepare(string folder)
    {
        string full = Path.GetFullPath(folder);
        if (File.Exists(full))
            throw Unwritable(full, "it is a file, not a folder");
        try
        {
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".tdm-write-test.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(full, e.Message, e);
        }
    }

    private static TdmException Unwritable(string folder, string why, Exception? inner = null) =>
        new(TdmErrorKind.Output, $"the cache folder '{folder}' cannot be used ({why}): choose a writable folder with --cache-dir or TDM_CACHE_DIR", inner);
}
