using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;
using Tdm.Engine.Tests.Graphs;

namespace Tdm.Engine.Tests.Runtime;

public sealed class SessionFactoryTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "tdm-factory-" + Guid.NewGuid().ToString("N"));
    private readonly List<SafetensorsFile> _files = [];

    public void Dispose()
    {
        _files.ForEach(f => f.Dispose());
        if (Directory.Exists(_cache))
            Directory.Delete(_cache, recursive: true);
    }

    private NetworkSession Create(SessionFactory sessions, string key, Action onBuild)
    {
        return sessions.Create("vae_decoder", key, () =>
        {
            onBuild();
            var file = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "vae", "diffusion_pytorch_model.safetensors"));
            _files.Add(file);
            var weights = new ComponentWeights("vae", file);
            return VaeGraph.BuildDecoder(GoldenSpecs.Vae(), weights, TensorType.Float16);
        });
    }

    [Fact]
    public void Create_SecondTime_ReadsTheGraphCacheWithoutBuilding()
    {
        var sessions = new SessionFactory(ExecutionDevice.Cpu(1), _cache);
        int builds = 0;
        Create(sessions, "k1", () => builds++).Dispose();
        Create(sessions, "k1", () => builds++).Dispose();
        Assert.Equal(1, builds);
        Assert.Single(Directory.GetFiles(Path.Combine(_cache, "weights"), "*.weights"));
    }

    [Fact]
    public void Create_ConvertedWeightsDeleted_RebuildsInsteadOfFailing()
    {
        var sessions = new SessionFactory(ExecutionDevice.Cpu(1), _cache);
        int builds = 0;
        Create(sessions, "k2", () => builds++).Dispose();
        foreach (var blob in Directory.GetFiles(Path.Combine(_cache, "weights")))
            File.Delete(blob);
        using var session = Create(sessions, "k2", () => builds++);
        Assert.Equal(2, builds);
        Assert.NotEmpty(session.OutputNames);
    }
}
