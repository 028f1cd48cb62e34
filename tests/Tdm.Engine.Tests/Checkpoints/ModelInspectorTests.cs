using Tdm.Engine.Models;
using Tdm.Engine.Checkpoints;
using Tdm.Tests;
using Xunit.Abstractions;
using Tdm.Engine.Models.Inspection;

namespace Tdm.Engine.Tests.Checkpoints;

public partial class ModelInspectorTests(ITestOutputHelper output)
{
    // Parameter counts of the golden models (golden/README.md, from torch's model.parameters()).
    private static readonly Dictionary<string, long> s_goldenParameters = new()
    {
        ["unet"] = 629732, ["controlnet"] = 284792, ["vae"] = 111839, ["text_encoder"] = 1600672,
    };

    [Fact]
    public void Inspect_GoldenFolder_ReportsEveryNetworkWithTheReferenceParameterCounts()
    {
        var r = new ModelInspector().Inspect(Golden.Path("models"));
        Assert.Equal(CheckpointLayout.DiffusersFolder, r.Layout);
        Assert.Equal("SD1.x", r.Family);
        Assert.True(r.Supported);
        Assert.False(r.HasProblems, r.Render());
        Assert.Equal(["unet", "vae", "text_encoder", "controlnet"], r.Components.Select(c => c.Component));
        foreach (var c in r.Components)
        {
            Assert.Equal(s_goldenParameters[c.Component], c.ParameterCount);
            Assert.Equal(SafetensorsDType.F32, Assert.Single(c.DTypes).DType);
            Assert.True(c.CheckedTensors > 10, $"{c.Component}: only {c.CheckedTensors} shapes checked");
            Assert.Equal(new FileInfo(c.WeightsPath).Length, c.FileBytes);
            Assert.Empty(c.Unused!);
        }
        Assert.Equal(["text_model.embeddings.position_ids"], r.Components.Single(c => c.Component == "text_encoder").Ignored);
        string text = r.Render();
        output.WriteLine(text);
        Assert.Contains("family:       SD1.x", text);
        Assert.Contains("[16, 16, 32, 32]", text);
        Assert.Contains("629,732", text);
        Assert.Contains("result:       usable", text);
    }

    [Fact]
    public void Inspect_ConfigNotMatchingWeights_ListsEachMisshapenTensor()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        GoldenCopy.Edit(Path.Combine(models, "unet", "config.json"), s => s.Replace("\"block_out_channels\": [\n    16,\n    16,", "\"block_out_channels\": [\n    16,\n    32,", StringComparison.Ordinal));
        var r = new ModelInspector().Inspect(models);
        Assert.True(r.HasProblems);
        var unet = r.Components.Single(c => c.Component == "unet");
        Assert.Contains(unet.Problems, p => p.Contains("down_blocks.1.resnets.0.conv1.weight has shape [16,16,3,3], the config expects [32,16,3,3]", StringComparison.Ordinal));
        Assert.Contains("PROBLEM:", r.Render());
        Assert.Empty(r.Components.Single(c => c.Component == "vae").Problems);
    }

    [Fact]
    public void Inspect_GoldenModel_ChecksEveryTensorTheGraphsReadAndFindsNoneUnused()
    {
        var r = new ModelInspector().Inspect(Golden.Path("models"));
        var unet = r.Components.Single(c => c.Component == "unet");
        var source = ModelSource.Open(Golden.Path("models"));
        Assert.Equal(NetworkCatalogue.ExpectedTensors("unet", source.UNet.Config).Count, unet.CheckedTensors);
        Assert.Empty(unet.Unused!);
        Assert.Empty(unet.Problems);
    }

    [Fact]
    public void Inspect_MissingWeightsAndTokenizer_ReportsBothAndTheOtherNetworks()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        File.Delete(Path.Combine(models, "vae", "diffusion_pytorch_model.safetensors"));
        File.Delete(Path.Combine(models, "tokenizer", "vocab.json"));
        var r = new ModelInspector().Inspect(models);
        Assert.Contains(r.Problems, p => p.Contains("has no diffusion_pytorch_model.safetensors", StringComparison.Ordinal));
        Assert.Contains(r.Problems, p => p.Contains("lacks vocab.json", StringComparison.Ordinal));
        Assert.Equal(["unet", "text_encoder", "controlnet"], r.Components.Select(c => c.Component));
    }

    [Fact]
    public void Inspect_ControlNetFolder_ReportsTheControlNet()
    {
        var r = new ModelInspector().Inspect(Golden.Path("models", "controlnet"));
        Assert.Equal(CheckpointLayout.ControlNetFolder, r.Layout);
        Assert.Equal("ControlNet SD1.x", r.Family);
        Assert.False(r.HasProblems, r.Render());
        Assert.Equal(284792, Assert.Single(r.Components).ParameterCount);
        Assert.Contains("12 down + 1 mid", r.Render());
    }

    [Fact]
    public void Inspect_Sdxl_ReportsTheFamilyAsNotSupported()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        GoldenCopy.Edit(Path.Combine(models, "model_index.json"), s => s.Replace("StableDiffusionControlNetPipeline", "StableDiffusionXLPipeline", StringComparison.Ordinal));
        var r = new ModelInspector().Inspect(models);
        Assert.Equal("SDXL", r.Family);
        Assert.False(r.Supported);
        Assert.Contains("family:       SDXL (not supported)", r.Render());
    }

    [Fact]
    public void Inspect_NotAModel_ReportsWhy()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("readme.txt"), "x");
        var r = new ModelInspector().Inspect(dir.Path);
        Assert.Null(r.Layout);
        Assert.Contains(r.Problems, p => p.Contains("is not a model folder", StringComparison.Ordinal));
        Assert.Contains("not a model", r.Render());
        Assert.False(new ModelInspector().Inspect(dir.File("nothing-here")).Supported);
    }

    [Fact]
    public void Inspect_GoldenSingleFile_NamesLayoutAndFamilyWithReferenceCounts()
    {
        var r = new ModelInspector().Inspect(SingleFileFixtures.Sd15, SingleFileFixtures.Tokenizer, SingleFileFixtures.GoldenConfigs, GoldenControlNet);
        output.WriteLine(r.Render());
        Assert.Equal(CheckpointLayout.SingleFile, r.Layout);
        Assert.Equal("SD1.x", r.Family);
        Assert.False(r.HasProblems, r.Render());
        Assert.Equal(["unet", "vae", "text_encoder", "controlnet"], r.Components.Select(c => c.Component));
        foreach (var c in r.Components.Take(3))
        {
            Assert.Equal(s_goldenParameters[c.Component], c.ParameterCount);
            Assert.Equal("LDM single file", c.KeyLayout);
            Assert.Equal("given, checked against the weights", c.ConfigSource);
        }
        Assert.Contains("single file (LDM / A1111 / ComfyUI layout)", r.Render());
    }

    [Fact]
    public void Inspect_GoldenSingleFileWithoutConfigs_ReportsWhatCouldNotBeDetected()
    {
        var r = new ModelInspector().Inspect(SingleFileFixtures.Sd15, SingleFileFixtures.Tokenizer);
        Assert.True(r.HasProblems);
        Assert.Equal("SD1.x", r.Family);
        Assert.Contains(r.Problems, p => p.Contains("norm_num_groups is 32", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_ControlNetFiles_WithAndWithoutConfig()
    {
        var r = new ModelInspector().Inspect(SingleFileFixtures.ControlNet, configs: SingleFileFixtures.GoldenConfigs);
        Assert.Equal(CheckpointLayout.ControlNetFile, r.Layout);
        Assert.Equal("ControlNet SD1.x", r.Family);
        Assert.False(r.HasProblems, r.Render());
        Assert.Equal(284792, Assert.Single(r.Components).ParameterCount);
        // Without a config, SD1.5's 32 groups do not divide the tiny model's 16 channels: reported, not thrown.
        var detected = new ModelInspector().Inspect(SingleFileFixtures.ControlNet);
        Assert.Equal("ControlNet SD1.x", detected.Family);
        Assert.Contains(detected.Problems, p => p.Contains("norm_num_groups", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_TruncatedFile_ReportsTheTruncation()
    {
        using var dir = new TempFolder();
        byte[] bytes = File.ReadAllBytes(SingleFileFixtures.ControlNet);
        File.WriteAllBytes(dir.File("cut.safetensors"), bytes[..^100]);
        var r = new ModelInspector().Inspect(dir.File("cut.safetensors"));
        Assert.Null(r.Layout);
        Assert.Contains(r.Problems, p => p.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_Sd2ShapedFile_NamesSd2AsNotSupported()
    {
        using var dir = new TempFolder();
        string path = SingleFileFixtures.Rewrite(SingleFileFixtures.Sd15, dir.File("sd2.safetensors"), (t, f) =>
            t.Name.Contains("attn2.to_k.", StringComparison.Ordinal) || t.Name.Contains("attn2.to_v.", StringComparison.Ordinal)
                ? [SingleFileFixtures.Zeros(t.Name, t.Shape[0], 1024)]
                : null);
        var r = new ModelInspector().Inspect(path, SingleFileFixtures.Tokenizer, SingleFileFixtures.GoldenConfigs);
        Assert.Equal("SD2.x", r.Family);
        Assert.False(r.Supported);
        Assert.Contains("family:       SD2.x (not supported)", r.Render());
    }

    [Fact]
    public void Inspect_FileWithBuffersEmaAndStrayTensors_ListsIgnoredAndUnused()
    {
        using var dir = new TempFolder();
        string path = SingleFileFixtures.Rewrite(SingleFileFixtures.Sd15, dir.File("x.safetensors"), extra:
        [
            SingleFileFixtures.Zeros("betas", 1000), SingleFileFixtures.Zeros("alphas_cumprod", 1000),
            SingleFileFixtures.Zeros("model_ema.decay"), SingleFileFixtures.Zeros("first_stage_model.loss.logvar"),
            SafetensorsWriterEntry.FromBytes("cond_stage_model.transformer.text_model.embeddings.position_ids", SafetensorsDType.I64, [1, 77], new byte[77 * 8]),
            SingleFileFixtures.Zeros("stray.weight", 3),
        ]);
        var r = new ModelInspector().Inspect(path, SingleFileFixtures.Tokenizer, SingleFileFixtures.GoldenConfigs, GoldenControlNet);
        Assert.False(r.HasProblems, r.Render());
        Assert.Contains(r.Notes, n => n.StartsWith("ignored: 3 tensor(s)", StringComparison.Ordinal) && n.Contains("model_ema.decay", StringComparison.Ordinal));
        Assert.Contains(r.Notes, n => n.StartsWith("unused: 1 tensor(s)", StringComparison.Ordinal) && n.Contains("stray.weight", StringComparison.Ordinal));
        Assert.Equal(["first_stage_model.loss.logvar"], r.Components.Single(c => c.Component == "vae").Ignored);
        Assert.Equal(["cond_stage_model.transformer.text_model.embeddings.position_ids"], r.Components.Single(c => c.Component == "text_encoder").Ignored);
        Assert.Equal(s_goldenParameters["text_encoder"], r.Components.Single(c => c.Component == "text_encoder").ParameterCount);
    }

    [Fact]
    public void Inspect_LoraFile_NamesWhatItIs()
    {
        using var dir = new TempFolder();
        SafetensorsWriter.Write(dir.File("lora.safetensors"), [SingleFileFixtures.Zeros("lora_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight", 4, 320)]);
        var r = new ModelInspector().Inspect(dir.File("lora.safetensors"));
        Assert.Equal("LoRA", r.Family);
        Assert.Contains(r.Problems, p => p.Contains("a LoRA (a patch applied to a model, not a model)", StringComparison.Ordinal));
    }
}
