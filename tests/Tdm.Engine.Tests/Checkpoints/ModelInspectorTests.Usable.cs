using Tdm.Engine.Checkpoints;
using Tdm.Engine.Models;
using Tdm.Engine.Models.Inspection;
using Tdm.Tests;

namespace Tdm.Engine.Tests.Checkpoints;

/// <summary>Issue 12: "usable" only for what restoring accepts, and the family of a ControlNet file named right.</summary>
public partial class ModelInspectorTests
{
    private static string GoldenControlNet => Golden.Path("models", "controlnet");

    // A copy of the golden model (inside <paramref name="dir"/>) broken by <paramref name="breakIt"/>, inspected.
    private static ModelReport InspectBroken(TempFolder dir, Action<string> breakIt)
    {
        string models = GoldenCopy.Models(dir.File("m"));
        breakIt(models);
        return new ModelInspector().Inspect(models);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"a\": 1")]
    public void Inspect_EmptyOrTruncatedVocab_NotUsable(string vocab)
    {
        using var dir = new TempFolder();
        var r = InspectBroken(dir, m => File.WriteAllText(Path.Combine(m, "tokenizer", "vocab.json"), vocab));
        Assert.True(r.HasProblems, r.Render());
        Assert.Contains(r.Problems, p => p.Contains("vocab.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_GarbageMerges_NotUsableNamingTheLine()
    {
        using var dir = new TempFolder();
        var r = InspectBroken(dir, m => File.WriteAllText(Path.Combine(m, "tokenizer", "merges.txt"), "#version: 0.2\ngarbage\n"));
        Assert.Contains(r.Problems, p => p.Contains("merges.txt is malformed: line 2 \"garbage\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_VocabKeyEscapingALoneSurrogate_NotUsable()
    {
        using var dir = new TempFolder();
        var r = InspectBroken(dir, m =>
        {
            string path = Path.Combine(m, "tokenizer", "vocab.json");
            File.WriteAllText(path, File.ReadAllText(path).Replace("{", "{\"x\\ud800\": 0, ", StringComparison.Ordinal));
        });
        Assert.Contains(r.Problems, p => p.Contains("escapes a lone UTF-16 surrogate", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tokenizer", "vocab.json")]
    [InlineData("unet", "diffusion_pytorch_model.safetensors")]
    [InlineData("unet", "config.json")]
    public void Inspect_DanglingSymlink_NotUsableNamingIt(string folder, string file)
    {
        using var dir = new TempFolder();
        var r = InspectBroken(dir, m =>
        {
            string path = Path.Combine(m, folder, file);
            File.Delete(path);
            File.CreateSymbolicLink(path, Path.Combine(m, "gone"));
        });
        Assert.True(r.HasProblems, r.Render());
        Assert.Contains(r.Problems.Concat(r.Components.SelectMany(c => c.Problems)), p => p.Contains(file, StringComparison.Ordinal));
        Assert.DoesNotContain(r.Problems, p => p.Contains("does not match the U-Net's cross_attention_dim", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_ModelWithoutAnyControlNet_NotUsableSayingWhatRestoringNeeds()
    {
        using var dir = new TempFolder();
        var r = InspectBroken(dir, m => Directory.Delete(Path.Combine(m, "controlnet"), recursive: true));
        Assert.Contains(r.Problems, p => p.Contains("no ControlNet: restoring needs", StringComparison.Ordinal) && p.Contains("--controlnet", StringComparison.Ordinal));
        Assert.Contains("result:       1 problem(s)", r.Render());
    }

    [Fact]
    public void Inspect_ModelWithoutControlNetGivenOne_UsableWithItsReport()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        Directory.Delete(Path.Combine(models, "controlnet"), recursive: true);
        var r = new ModelInspector().Inspect(models, controlNetPath: GoldenControlNet);
        Assert.False(r.HasProblems, r.Render());
        Assert.Equal("controlnet", r.Components[^1].Component);
    }

    [Fact]
    public void Inspect_SingleFileWithoutControlNet_NotUsable()
    {
        var r = new ModelInspector().Inspect(SingleFileFixtures.Sd15, SingleFileFixtures.Tokenizer, SingleFileFixtures.GoldenConfigs);
        Assert.Contains(r.Problems, p => p.Contains("no ControlNet", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"beta_end\": 0.012", "\"beta_end\": 1000000000.0")]
    [InlineData("\"beta_start\": 0.00085", "\"beta_start\": -0.5")]
    public void Inspect_AbsurdSchedulerBetas_NotUsable(string from, string to)
    {
        using var dir = new TempFolder();
        var r = InspectBroken(dir, m => GoldenCopy.Edit(Path.Combine(m, "scheduler", "scheduler_config.json"), s => s.Replace(from, to, StringComparison.Ordinal)));
        Assert.Contains(r.Problems, p => p.Contains("beta_", StringComparison.Ordinal) && p.Contains("at most 0.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_WeightsWithNaN_NotUsableNamingTheTensor()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        string unet = Path.Combine(models, "unet", "diffusion_pytorch_model.safetensors");
        string copy = SingleFileFixtures.Rewrite(unet, dir.File("unet.safetensors"), (t, f) => t.Name == "conv_in.weight"
            ? [SafetensorsWriterEntry.FromSingles(t.Name, t.Shape, [.. f.ReadSingles(t.Name).Select((v, i) => i == 3 ? float.NaN : v)])]
            : null);
        File.Copy(copy, unet, overwrite: true);
        var r = new ModelInspector().Inspect(models);
        var problem = Assert.Single(r.Components.Single(c => c.Component == "unet").Problems);
        Assert.StartsWith("conv_in.weight has 1 value(s) that are NaN", problem);
        Assert.False(ModelInspection.Of(models).Usable);
    }

    [Fact]
    public void Inspect_ControlNetFileWithAProblem_FamilyStillNamedSupported()
    {
        // The tiny lllyasviel file without its config: SD1.5's assumed 32 groups do not divide 16 channels. That is
        // a problem of the file, not an unsupported family.
        var r = new ModelInspector().Inspect(SingleFileFixtures.ControlNet);
        Assert.True(r.HasProblems);
        Assert.Contains("family:       ControlNet SD1.x\n", r.Render());
    }

    [Fact]
    public void Inspect_Fifo_ProblemWithoutOpeningIt()
    {
        using var dir = new TempFolder();
        var r = new ModelInspector().Inspect(SpecialFiles.MakeFifo(dir.File("model.safetensors")));
        Assert.Contains("is a FIFO (named pipe)", Assert.Single(r.Problems));
    }

    [Theory]
    [InlineData("control_model.")]
    [InlineData("")]
    public void Inspect_ValidLllyasvielControlNetFile_FamilySd1xAndUsable(string prefix)
    {
        // SD1.5's structure (heads 8 and groups 32 are what detection assumes) at a width the test can write: every
        // tensor the graph reads, under lllyasviel names, zeros.
        var config = Tdm.Engine.Configs.ControlNetConfig.StableDiffusion15 with { BlockOutChannels = [64, 64, 128, 128], CrossAttentionDim = 64 };
        var map = LdmKeyMap.ControlNet(config, prefix);
        using var dir = new TempFolder();
        string path = dir.File("control_v11f1e_sd15_tile.safetensors");
        SafetensorsWriter.Write(path, NetworkCatalogue.ExpectedTensors(ComponentNames.ControlNet, config)
            .Select(t => SingleFileFixtures.Zeros(map.ToFileKey(t.Key), t.Shape)).ToList());

        var r = new ModelInspector().Inspect(path);

        Assert.False(r.HasProblems, r.Render());
        Assert.Equal("ControlNet SD1.x", r.Family);
        Assert.Contains("family:       ControlNet SD1.x\n", r.Render());
        Assert.Contains("result:       usable", r.Render());
    }
}
