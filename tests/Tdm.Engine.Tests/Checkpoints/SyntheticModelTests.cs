using System.Security.Cryptography;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Tests.Video;
using Tdm.Engine.Models.Synthetic;

namespace Tdm.Engine.Tests.Checkpoints;

public sealed class SyntheticModelTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tdm-synth-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private static string Digest(string folder) => string.Join("\n", Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order()
        .Select(f => $"{Path.GetRelativePath(folder, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));

    [Fact]
    public void Write_SameSeedTwice_GivesIdenticalFiles()
    {
        SyntheticModel.Write(Path.Combine(_root, "a"), SyntheticArchitecture.Tiny, seed: 7);
        SyntheticModel.Write(Path.Combine(_root, "b"), SyntheticArchitecture.Tiny, seed: 7);
        SyntheticModel.Write(Path.Combine(_root, "c"), SyntheticArchitecture.Tiny, seed: 8);
        Assert.Equal(Digest(Path.Combine(_root, "a")), Digest(Path.Combine(_root, "b")));
        Assert.NotEqual(Digest(Path.Combine(_root, "a")), Digest(Path.Combine(_root, "c")));
    }

    [Fact]
    public void Write_Tiny_LoadsAndRestoresFiniteFrames()
    {
        string model = Path.Combine(_root, "model");
        SyntheticModel.Write(model, SyntheticArchitecture.Tiny, seed: 1);
        using var engine = new TdmEngine(new EngineOptions { Device = DeviceKind.Cpu, IntraOpThreads = 2, CacheDirectory = Path.Combine(_root, "cache") });
        var settings = new RestoreSettings { InversionSteps = 2, SamplingSteps = 2, ShortSide = 64, ChunkLength = 4 };
        var frame = engine.Restorer(new ModelPaths(model)).RestoreFrame(MemoryClip.Generated(4), 1, settings);
        Assert.Equal((128, 64), (frame.Width, frame.Height));
        Assert.All(frame.Pixels, v => Assert.True(float.IsFinite(v) && v is >= 0 and <= 1));
    }
}
