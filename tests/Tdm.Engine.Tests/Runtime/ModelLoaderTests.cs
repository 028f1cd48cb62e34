using Tdm.Engine.Checkpoints;
using Tdm.Engine.Tests.Checkpoints;

namespace Tdm.Engine.Tests.Runtime;

/// <summary>A user's broken model reaches them as one clear error from the engine, listing every problem.</summary>
public sealed class ModelLoaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tdm-loader-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private string CopyGoldenModel()
    {
        string source = Tdm.Tests.Golden.Path("models");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(_root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return _root;
    }

    private TdmEngine Engine() => new(new EngineOptions { Device = DeviceKind.Cpu, IntraOpThreads = 1, CacheDirectory = Path.Combine(_root, "cache") });

    [Fact]
    public void Restorer_UNetMissingTensors_ListsThemByName()
    {
        string model = CopyGoldenModel();
        string weights = Path.Combine(model, "unet", "diffusion_pytorch_model.safetensors");
        string[] dropped = ["mid_block.attentions.0.proj_out.weight", "up_blocks.3.resnets.2.conv2.bias"];
        SingleFileFixtures.Rewrite(weights, weights + ".new", (t, f) => dropped.Contains(t.Name) ? [] : [SingleFileFixtures.Copy(t, f)]);
        File.Move(weights + ".new", weights, overwrite: true);

        using var engine = Engine();
        var e = Assert.Throws<CheckpointException>(() => engine.Restorer(new ModelPaths(model)));
        Assert.Equal(TdmErrorKind.Model, e.Kind);
        Assert.Contains("2 tensor(s) missing", e.Message);
        Assert.All(dropped, key => Assert.Contains(key, e.Message));
        Assert.Contains(weights, e.Message);
    }

    [Fact]
    public void Restorer_ConfigDisagreesWithWeights_NamesTheTensorAndBothShapes()
    {
        string model = CopyGoldenModel();
        string config = Path.Combine(model, "controlnet", "config.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(config))!;
        json["conditioning_embedding_out_channels"] = new System.Text.Json.Nodes.JsonArray(8, 16, 16, 24);
        File.WriteAllText(config, json.ToJsonString());

        using var engine = Engine();
        var e = Assert.Throws<CheckpointException>(() => engine.Restorer(new ModelPaths(model)));
        Assert.Equal(TdmErrorKind.Model, e.Kind);
        Assert.Contains("controlnet_cond_embedding.blocks.5.weight has shape [32,16,3,3], the config expects [24,16,3,3]", e.Message);
    }
}
