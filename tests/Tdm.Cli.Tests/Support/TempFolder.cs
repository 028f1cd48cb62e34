namespace Tdm.Cli.Tests.Support;

/// <summary>A fresh folder under the system's temporary folder, deleted (with its contents) on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("tdm-cli-tests-").FullName;

    public string Path { get; }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test's leftover process may still hold a file; the system cleans its temporary folder.
        }
    }
}
