namespace Tdm.Tests;

/// <summary>
/// Where the reference tensors live: $TDM_GOLDEN_DIR, or ../shared/golden beside the repository (read-only).
/// </summary>
internal static class Golden
{
    private static readonly Lazy<string> s_root = new(Find);

    /// <summary>The golden folder (models/, vectors/, e2e/, single_file/).</summary>
    public static string Root => s_root.Value;

    /// <summary>A path inside the golden folder.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The repository's root (the folder holding TDM.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "TDM.sln")))
                    return dir.FullName;
            throw new InvalidOperationException($"no TDM.sln above {AppContext.BaseDirectory}");
        }
    }

    private static string Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TDM_GOLDEN_DIR");
        if (!string.IsNullOrEmpty(fromEnv))
            return fromEnv;
        var beside = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "golden"));
        if (Directory.Exists(beside))
            return beside;
        throw new InvalidOperationException(
            $"golden reference tensors not found at {beside}; set TDM_GOLDEN_DIR to the shared/golden folder");
    }
}
