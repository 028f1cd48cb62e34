using Tdm.Engine.Checkpoints;
using Tdm.Tests;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Checkpoints;

public partial class ModelSourceTests
{
    // fp16 keeps 11 significant bits: round to nearest is within half an ulp, 2^-11 relative; subnormals (below
    // 2^-14) are spaced 2^-24 apart. bfloat16 keeps 8 bits: 2^-8 relative.
    private const double Fp16RelativeTolerance = 1.0 / 2048;
    private const double Fp16AbsoluteTolerance = 1.0 / (1 << 25);
    private const double Bf16RelativeTolerance = 1.0 / 256;

    private static ModelSource OpenGoldenSingle(string path) =>
        ModelSource.Open(path, tokenizerPath: SingleFileFixtures.Tokenizer, configs: SingleFileFixtures.GoldenConfigs);

    [Fact]
    public void Open_GoldenSingleFileWithItsConfigs_FindsTheThreeNetworks()
    {
        var m = OpenGoldenSingle(SingleFileFixtures.Sd15);
        Assert.Equal(CheckpointLayout.SingleFile, m.Layout);
        Assert.Equal("SD1.x", m.Family);
        Assert.All(new[] { m.UNet.WeightsPath, m.Vae.WeightsPath, m.TextEncoder.WeightsPath }, p => Assert.Equal(SingleFileFixtures.Sd15, p));
        Assert.Equal(UNetConfig.Load(Golden.Path("models", "unet", "config.json")).ToJson(), m.UNet.Config.ToJson());
        Assert.Equal(4, m.Vae.Config.NormNumGroups);
        Assert.Equal(4, m.TextEncoder.Config.NumAttentionHeads);
        Assert.Equal("given, checked against the weights", m.UNet.ConfigOrigin);
        Assert.Equal(SchedulerConfig.StableDiffusion15.ToJson(), m.Scheduler.ToJson());
        Assert.Null(m.ControlNet);
        Assert.Contains(m.Notes, n => n.Contains("no scheduler config", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_GoldenSingleFileWithoutConfigs_ExplainsThatGroupsCannotBeRead()
    {
        var e = Fails(() => ModelSource.Open(SingleFileFixtures.Sd15, tokenizerPath: SingleFileFixtures.Tokenizer));
        Assert.Contains("norm_num_groups is 32", e.Message);
        Assert.Contains("cannot be read from the weights", e.Message);
        Assert.Contains("pass the model's configs", e.Message);
    }

    [Fact]
    public void Open_GoldenSingleFileWithControlNetFile_FindsBoth()
    {
        var m = ModelSource.Open(SingleFileFixtures.Sd15, SingleFileFixtures.ControlNet, SingleFileFixtures.Tokenizer, SingleFileFixtures.GoldenConfigs);
        Assert.Equal(CheckpointLayout.ControlNetFile, m.ControlNet!.Layout);
        Assert.Equal([8, 16, 16, 32], m.ControlNet.Config.ConditioningEmbeddingOutChannels);
    }

    [Fact]
    public void Open_TokenizerBesideTheCheckpoint_IsFoundInEitherPlace()
    {
        using var dir = new TempFolder();
        string model = dir.File("sd.safetensors");
        File.Copy(SingleFileFixtures.Sd15, model);
        var e = Fails(() => ModelSource.Open(model, configs: SingleFileFixtures.GoldenConfigs));
        Assert.Contains("carries no tokenizer", e.Message);
        Assert.Contains("never downloads", e.Message);
        Assert.Contains("vocab.json", e.Message);

        GoldenCopy.Copy(SingleFileFixtures.Tokenizer, dir.File("tokenizer"));
        Assert.Equal(dir.File("tokenizer"), ModelSource.Open(model, configs: SingleFileFixtures.GoldenConfigs).Tokenizer.Folder);
        Directory.Move(dir.File("tokenizer"), dir.File("elsewhere"));
        File.Copy(Path.Combine(dir.File("elsewhere"), "vocab.json"), dir.File("vocab.json"));
        File.Copy(Path.Combine(dir.File("elsewhere"), "merges.txt"), dir.File("merges.txt"));
        Assert.Equal(dir.Path, ModelSource.Open(model, configs: SingleFileFixtures.GoldenConfigs).Tokenizer.Folder);
    }

    [Fact]
    public void Open_ControlNetFileAsTheModel_SaysToPassItAsTheControlNet()
    {
        var e = Fails(() => ModelSource.Open(SingleFileFixtures.ControlNet, tokenizerPath: SingleFileFixtures.Tokenizer));
        Assert.Contains("is an lllyasviel-layout ControlNet", e.Message);
        Assert.Contains("pass it as the ControlNet", e.Message);
    }

    [Fact]
    public void OpenControlNet_SdCheckpoint_SaysToPassItAsTheModel()
    {
        var e = Fails(() => ModelSource.OpenControlNet(SingleFileFixtures.Sd15));
        Assert.Contains("is a Stable Diffusion checkpoint, not a ControlNet; pass it as the model", e.Message);
    }

    [Fact]
    public void OpenControlNet_DiffusersNamedFile_UsesTheConfigBesideIt()
    {
        var source = ModelSource.OpenControlNet(Golden.Path("models", "controlnet", "diffusion_pytorch_model.safetensors"));
        Assert.Equal([8, 16, 16, 32], source.Config.ConditioningEmbeddingOutChannels);
        using var dir = new TempFolder();
        File.Copy(source.WeightsPath, dir.File("cn.safetensors"));
        Assert.Contains("without the ControlNet config.json beside it", Fails(() => ModelSource.OpenControlNet(dir.File("cn.safetensors"))).Message);
    }

    [Fact]
    public void Open_Sd2ShapedFile_RefusedAsSd2()
    {
        // SD2.x cross-attends to 1024-wide OpenCLIP embeddings: widen every attn2.to_k/to_v of the tiny model.
        using var dir = new TempFolder();
        string path = SingleFileFixtures.Rewrite(SingleFileFixtures.Sd15, dir.File("sd2.safetensors"), (t, f) =>
            t.Name.Contains("attn2.to_k.", StringComparison.Ordinal) || t.Name.Contains("attn2.to_v.", StringComparison.Ordinal)
                ? [SingleFileFixtures.Zeros(t.Name, t.Shape[0], 1024)]
                : null);
        var e = Fails(() => OpenGoldenSingle(path));
        Assert.Contains("Stable Diffusion 2.x", e.Message);
        var detectedOnly = Fails(() => ModelSource.Open(path, tokenizerPath: SingleFileFixtures.Tokenizer));
        Assert.Contains("Stable Diffusion 2.x", detectedOnly.Message);
    }

    [Theory]
    [InlineData("cond_stage_model.model.", "Stable Diffusion 2.x checkpoint (OpenCLIP")]
    [InlineData("conditioner.embedders.0.transformer.", "an SDXL checkpoint")]
    public void Open_OtherFamilysTextEncoderKeys_RefusedNamingTheFamily(string clipPrefix, string expected)
    {
        using var dir = new TempFolder();
        string path = SingleFileFixtures.Rewrite(SingleFileFixtures.Sd15, dir.File("x.safetensors"), (t, f) =>
            t.Name.StartsWith(LdmKeyMap.ClipPrefix, StringComparison.Ordinal)
                ? [SingleFileFixtures.Copy(t, f, clipPrefix + t.Name[LdmKeyMap.ClipPrefix.Length..])]
                : null);
        var e = Fails(() => OpenGoldenSingle(path));
        Assert.Contains(expected, e.Message);
        Assert.Contains("TDM runs Stable Diffusion 1.x", e.Message);
    }

    [Theory]
    [InlineData("model.diffusion_model.joint_blocks.0.context_block.attn.qkv.weight", "Stable Diffusion 3")]
    [InlineData("model.diffusion_model.double_blocks.0.img_attn.qkv.weight", "Flux")]
    [InlineData("model.diffusion_model.label_emb.0.0.weight", "SDXL")]
    public void Open_OtherFamilysUNetKeys_RefusedNamingTheFamily(string key, string expected)
    {
        using var dir = new TempFolder();
        string path = SingleFileFixtures.Rewrite(SingleFileFixtures.Sd15, dir.File("x.safetensors"), extra: [SingleFileFixtures.Zeros(key, 2)]);
        Assert.Contains(expected, Fails(() => OpenGoldenSingle(path)).Message);
    }

    [Fact]
    public void Open_TruncatedFile_NamesTheTruncation()
    {
        using var dir = new TempFolder();
        byte[] bytes = File.ReadAllBytes(SingleFileFixtures.Sd15);
        File.WriteAllBytes(dir.File("cut.safetensors"), bytes[..(bytes.Length / 2)]);
        var e = Fails(() => OpenGoldenSingle(dir.File("cut.safetensors")));
        Assert.Contains("run past the", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.NotNull(e.TensorName);
    }

    [Fact]
    public void Open_SingleFileWithoutVae_SaysWhatIsMissing()
    {
        using var dir = new TempFolder();
        string path = SingleFileFixtures.Rewrite(SingleFileFixtures.Sd15, dir.File("x.safetensors"),
            (t, f) => t.Name.StartsWith(LdmKeyMap.VaePrefix, StringComparison.Ordinal) ? [] : null);
        Assert.Contains("has no VAE (first_stage_model.* keys)", Fails(() => OpenGoldenSingle(path)).Message);
    }

    [Fact]
    public void Open_InpaintingShapedFile_RefusedSayingSo()
    {
        using var dir = new TempFolder();
        string path = SingleFileFixtures.Rewrite(SingleFileFixtures.Sd15, dir.File("x.safetensors"), (t, f) =>
            t.Name == "model.diffusion_model.input_blocks.0.0.weight" ? [SingleFileFixtures.Zeros(t.Name, t.Shape[0], 9, 3, 3)] : null);
        Assert.Contains("inpainting model", Fails(() => ModelSource.Open(path, tokenizerPath: SingleFileFixtures.Tokenizer)).Message);
    }

    [Theory]
    [InlineData("F16")]
    [InlineData("BF16")]
    public void Open_HalfPrecisionCopiesOfTheGoldenFiles_ReadBackWithinRounding(string dtypeName)
    {
        var dtype = Enum.Parse<SafetensorsDType>(dtypeName);
        using var dir = new TempFolder();
        string sd = SingleFileFixtures.Rewrite(SingleFileFixtures.Sd15, dir.File("sd.safetensors"), (t, f) => [SingleFileFixtures.Convert(t, f, dtype)]);
        string cn = SingleFileFixtures.Rewrite(SingleFileFixtures.ControlNet, dir.File("cn.safetensors"), (t, f) => [SingleFileFixtures.Convert(t, f, dtype)]);
        var m = ModelSource.Open(sd, cn, SingleFileFixtures.Tokenizer, SingleFileFixtures.GoldenConfigs);
        double relative = dtype == SafetensorsDType.F16 ? Fp16RelativeTolerance : Bf16RelativeTolerance;
        double worst = 0;
        int compared = 0;
        using var unet = m.UNet.Open();
        using var vae = m.Vae.Open();
        using var text = m.TextEncoder.Open();
        using var controlNet = m.ControlNet!.Open();
        var views = new Dictionary<string, ComponentWeights>
        {
            ["unet"] = unet.Weights, ["vae"] = vae.Weights, ["text_encoder"] = text.Weights, ["controlnet"] = controlNet.Weights,
        };
        using var goldenSd = SafetensorsFile.Open(SingleFileFixtures.Sd15);
        using var goldenCn = SafetensorsFile.Open(SingleFileFixtures.ControlNet);
        foreach (var (name, golden) in new[] { ("sd15_tiny_single.safetensors", goldenSd), ("controlnet_tiny_single.safetensors", goldenCn) })
            foreach (var e in SingleFileFixtures.KeyMap(name))
            {
                var w = views[e.Component];
                var t = w.Get(e.DiffusersKey, e.DiffusersShape);
                Assert.True(t != null, string.Join("; ", w.Problems));
                Assert.Equal(dtype, t.DType);
                float[] got = w.File.ReadSingles(t.Name);
                float[] want = golden.ReadSingles(e.SingleFileKey);
                for (int i = 0; i < want.Length; i++)
                {
                    double error = Math.Abs(got[i] - want[i]);
                    double allowed = Math.Max(Math.Abs(want[i]) * relative, Fp16AbsoluteTolerance);
                    Assert.True(error <= allowed, $"{e.DiffusersKey}[{i}]: {got[i]} vs {want[i]}, error {error:E2} > {allowed:E2}");
                    worst = Math.Max(worst, error / allowed);
                }
                compared++;
            }
        Assert.Equal(964 + 338, compared);
        output.WriteLine($"{dtype}: {compared} tensors, worst error {worst:F3} of the allowance (relative {relative:E2}, absolute {Fp16AbsoluteTolerance:E2})");
        // worst = the largest error as a fraction of its allowance (relative, or absolute near zero).
        Assert.True(worst <= 1, $"worst error is {worst:F3} of the {dtype} rounding allowance");
        Assert.True(worst > 0.1, $"worst error is only {worst:F3} of the {dtype} allowance: was the copy rounded at all?");
    }
}
