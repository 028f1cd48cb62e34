using Tdm.Engine.Runtime;

namespace Tdm.Engine.Tests.Runtime;

public class CacheFolderTests
{
    [Fact]
    public void Prepare_MissingFolder_CreatedAndLeftEmpty()
    {
        using var dir = new Checkpoints.TempFolder();
        string folder = Path.Combine(dir.Path, "a", "b");
        CacheFolder.Prepare(folder);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Prepare_AFile_OutputErrorSayingSo()
    {
        using var dir = new Checkpoints.TempFolder();
        File.WriteAllText(dir.File("cache"), "");
        var e = Assert.Throws<TdmException>(() => CacheFolder.Prepare(dir.File("cache")));
        Assert.Equal(TdmErrorKind.Output, e.Kind);
        Assert.Contains($"the cache folder '{dir.File("cache")}' cannot be used (it is a file, not a folder)", e.Message);
    }

    [Fact]
    public void Prepare_UnderAFile_OutputError()
    {
        using var dir = new Checkpoints.TempFolder();
        File.WriteAllText(dir.File("file"), "");
        var e = Assert.Throws<TdmException>(() => CacheFolder.Prepare(Path.Combine(dir.File("file"), "cache")));
        Assert.Equal(TdmErrorKind.Output, e.Kind);
    }

    [Fact]
    public void Prepare_OnAReadOnlyFileSystem_OutputError()
    {
        // sysfs refuses new entries even to root, as a read-only mount does (tests may run as root, where
        // permission bits would not stop the write).
        if (!Directory.Exists("/sys/kernel"))
            return;
        var e = Assert.Throws<TdmException>(() => CacheFolder.Prepare("/sys/tdm-cache-test"));
        Assert.Equal(TdmErrorKind.Output, e.Kind);
        Assert.Contains("--cache-dir", e.Message);
    }

    [Fact]
    public void Engine_CacheDirectoryIsAFile_OutputErrorBeforeAnyModelLoads()
    {
        using var dir = new Checkpoints.TempFolder();
        File.WriteAllText(dir.File("cache"), "");
        using var engine = new TdmEngine(new EngineOptions { Device = DeviceKind.Cpu, IntraOpThreads = 1, CacheDirectory = dir.File("cache") });
        var e = Assert.Throws<TdmException>(() => engine.LoadModel(new ModelPaths(Tdm.Tests.Golden.Path("models"))));
        Assert.Equal(TdmErrorKind.Output, e.Kind);
    }
}
