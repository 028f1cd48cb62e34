namespace Tdm.Engine.Tests.Checkpoints;

/// <summary>A fresh folder under the system's temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tdm-ckpt-" + Guid.NewGuid().ToString("N"));

    /// <summary>A path inside the folder (parent folders created).</summary>
    public string File(params string[] parts)
    {
        string p = System.IO.Path.Combine([Path, .. parts]);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        return p;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a mapping still open on another thread; the OS temp cleaner removes it
        }
    }
}
