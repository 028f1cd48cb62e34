using Tdm.Tests;

namespace Tdm.Engine.Tests.Checkpoints;

/// <summary>Writable copies of the golden model folders, for tests that break them.</summary>
internal static class GoldenCopy
{
    /// <summary>Copies golden/models (SD folder with controlnet/) to <paramref name="destination"/>.</summary>
    public static string Models(string destination)
    {
        Copy(Golden.Path("models"), destination);
        return destination;
    }

    public static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source))
        {
            string to = Path.Combine(destination, Path.GetFileName(file));
            File.Copy(file, to);
            File.SetAttributes(to, FileAttributes.Normal); // the golden files are read-only
        }
        foreach (string dir in Directory.GetDirectories(source))
            Copy(dir, Path.Combine(destination, Path.GetFileName(dir)));
    }

    /// <summary>Rewrites a JSON file's text with <paramref name="edit"/>.</summary>
    public static void Edit(string path, Func<string, string> edit)
    {
        string before = File.ReadAllText(path);
        string after = edit(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(path, after);
    }
}
