using Tdm.Engine.Checkpoints;
using Tdm.Tests;
using Xunit.Abstractions;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Checkpoints;

public partial class ModelSourceTests(ITestOutputHelper output)
{
    private static CheckpointException Fails(Func<object> open) => Assert.Throws<CheckpointException>(open);

    [Fact]
    public void Open_GoldenFolder_FindsEveryComponentWithItsConfig()
    {
        var m = ModelSource.Open(Golden.Path("models"));
        Assert.Equal(CheckpointLayout.DiffusersFolder, m.Layout);
        Assert.Equal("SD1.x", m.Family);
        Assert.EndsWith(Path.Combine("unet", "diffusion_pytorch_model.safetensors"), m.UNet.WeightsPath);
        Assert.EndsWith(Path.Combine("vae", "diffusion_pytorch_model.safetensors"), m.Vae.WeightsPath);
        Assert.EndsWith(Path.Combine("text_encoder", "model.safetensors"), m.TextEncoder.WeightsPath);
        Assert.Equal([16, 16, 32, 32], m.UNet.Config.BlockOutChannels);
        Assert.Equal(4, m.Vae.Config.NormNumGroups);
        Assert.Equal(2, m.TextEncoder.Config.NumHiddenLayers);
        Assert.Equal(SchedulerConfig.StableDiffusion15.ToJson(), m.Scheduler.ToJson());
        Assert.True(File.Exists(m.Tokenizer.VocabPath) && File.Exists(m.Tokenizer.MergesPath));
        Assert.NotNull(m.ControlNet);
        Assert.Equal(CheckpointLayout.ControlNetFolder, m.ControlNet.Layout);
        Assert.Contains(m.Notes, n => n.Contains("controlnet/", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_GoldenUNet_GetsTensorsByDiffusersKeyAndDisposesTheFile()
    {
        var m = ModelSource.Open(Golden.Path("models"));
        SafetensorsFile file;
        using (var unet = m.UNet.Open())
        {
            file = unet.File;
            Assert.NotNull(unet.Weights.Get("down_blocks.0.attentions.0.proj_in.weight", 16, 16, 1, 1));
            Assert.Equal([16f, 4, 3, 3], unet.Weights.Get("conv_in.weight", 16, 4, 3, 3)!.Shape.Select(d => (float)d));
            unet.Weights.ThrowIfProblems();
        }
        Assert.Throws<ObjectDisposedException>(() => file.ReadSingles("conv_in.weight"));
    }

    [Fact]
    public void Open_GoldenTextEncoder_AcceptsFlatAndNestedKeysAndIgnoresPositionIds()
    {
        using var te = ModelSource.Open(Golden.Path("models")).TextEncoder.Open();
        Assert.NotNull(te.Weights.Get("embeddings.token_embedding.weight", 49408, 32));
        Assert.NotNull(te.Weights.Get("text_model.final_layer_norm.weight", 32));
        Assert.Equal(["text_model.embeddings.position_ids"], te.Weights.Ignored());
        Assert.Equal(34, te.Weights.Unused().Count); // 36 weights, 2 used
    }

    [Fact]
    public void Open_ControlNetPath_IsUsedInsteadOfTheBundledOne()
    {
        using var dir = new TempFolder();
        GoldenCopy.Copy(Golden.Path("models", "controlnet"), dir.File("cn"));
        var m = ModelSource.Open(Golden.Path("models"), dir.File("cn"));
        Assert.StartsWith(dir.Path, m.ControlNet!.WeightsPath);
    }

    [Fact]
    public void Open_MissingPath_NamesItAndWhatIsBeside()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("sd15.safetensors"), "");
        var e = Fails(() => ModelSource.Open(dir.File("sd-15")));
        Assert.Contains("sd-15: the model path does not exist", e.Message);
        Assert.Contains("sd15.safetensors", e.Message);
    }

    [Fact]
    public void Open_FolderThatIsNotAModel_SaysWhatWasExpectedAndFound()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("notes.txt"), "x");
        Directory.CreateDirectory(dir.File("images", "x"));
        var e = Fails(() => ModelSource.Open(dir.Path));
        Assert.Contains("is not a model folder", e.Message);
        Assert.Contains("model_index.json, unet/, vae/, text_encoder/, tokenizer/vocab.json + merges.txt, scheduler/", e.Message);
        Assert.Contains("found: images/, notes.txt", e.Message);
    }

    [Fact]
    public void Open_NetworkSubfolder_SaysToPassTheParent()
    {
        var e = Fails(() => ModelSource.Open(Golden.Path("models", "unet")));
        Assert.Contains("is one network's folder (UNet2DConditionModel)", e.Message);
        Assert.Contains("pass the folder above it", e.Message);
    }

    [Fact]
    public void Open_ControlNetFolderAsModel_SaysToPassItAsTheControlNet()
    {
        var e = Fails(() => ModelSource.Open(Golden.Path("models", "controlnet")));
        Assert.Contains("is a ControlNet folder, not a Stable Diffusion model; pass it as the ControlNet", e.Message);
    }

    [Fact]
    public void OpenControlNet_ModelFolder_SaysItIsAModelAndPointsToItsControlNet()
    {
        var e = Fails(() => ModelSource.OpenControlNet(Golden.Path("models")));
        Assert.Contains("is a Stable Diffusion model folder", e.Message);
        Assert.Contains("pass " + Golden.Path("models", "controlnet"), e.Message);
    }

    [Fact]
    public void OpenControlNet_UNetFolder_SaysWhatItDescribes()
    {
        var e = Fails(() => ModelSource.OpenControlNet(Golden.Path("models", "unet")));
        Assert.Contains("describes a UNet2DConditionModel, not a ControlNetModel", e.Message);
    }

    [Fact]
    public void Open_ComponentWithOnlyPickleBin_RefusedSayingSafetensorsIsNeeded()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        File.Move(Path.Combine(models, "unet", "diffusion_pytorch_model.safetensors"), Path.Combine(models, "unet", "diffusion_pytorch_model.bin"));
        var e = Fails(() => ModelSource.Open(models));
        Assert.Contains("diffusion_pytorch_model.bin", e.Message);
        Assert.Contains("pickle", e.Message);
        Assert.Contains("arbitrary code", e.Message);
        Assert.Contains("diffusion_pytorch_model.safetensors", e.Message);
    }

    [Fact]
    public void Open_Fp16VariantOnly_IsAcceptedAndFp32PreferredWhenBothExist()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        string vae = Path.Combine(models, "vae");
        File.Copy(Path.Combine(vae, "diffusion_pytorch_model.safetensors"), Path.Combine(vae, "diffusion_pytorch_model.fp16.safetensors"));
        Assert.EndsWith("vae" + Path.DirectorySeparatorChar + "diffusion_pytorch_model.safetensors", ModelSource.Open(models).Vae.WeightsPath);
        File.Delete(Path.Combine(vae, "diffusion_pytorch_model.safetensors"));
        Assert.EndsWith("diffusion_pytorch_model.fp16.safetensors", ModelSource.Open(models).Vae.WeightsPath);
    }

    [Fact]
    public void Open_ComponentWithoutWeights_ListsWhatIsThere()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        File.Delete(Path.Combine(models, "vae", "diffusion_pytorch_model.safetensors"));
        var e = Fails(() => ModelSource.Open(models));
        Assert.Contains("has no diffusion_pytorch_model.safetensors", e.Message);
        Assert.Contains("found: config.json", e.Message);
    }

    [Fact]
    public void Open_MissingComponentFolder_NamesIt()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        Directory.Delete(Path.Combine(models, "text_encoder"), true);
        Assert.Contains("has no text_encoder/ folder", Fails(() => ModelSource.Open(models)).Message);
    }

    [Fact]
    public void Open_MissingTokenizerFile_NamesTheFileAndTheFix()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        File.Delete(Path.Combine(models, "tokenizer", "merges.txt"));
        var e = Fails(() => ModelSource.Open(models));
        Assert.Contains("lacks merges.txt", e.Message);
        Assert.Contains("pass a tokenizer folder", e.Message);
        // An explicit tokenizer folder fixes it.
        var m = ModelSource.Open(models, tokenizerPath: Golden.Path("models", "tokenizer"));
        Assert.Equal(Golden.Path("models", "tokenizer"), m.Tokenizer.Folder);
    }

    [Fact]
    public void Open_ExplicitTokenizerFolderLackingVocab_NamesIt()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("tok", "merges.txt"), "");
        var e = Fails(() => ModelSource.Open(Golden.Path("models"), tokenizerPath: dir.File("tok")));
        Assert.Contains("lacks vocab.json", e.Message);
    }

    [Fact]
    public void Open_SdxlPipeline_RefusedNamingTheFamily()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        GoldenCopy.Edit(Path.Combine(models, "model_index.json"), s => s.Replace("StableDiffusionControlNetPipeline", "StableDiffusionXLPipeline", StringComparison.Ordinal));
        var e = Fails(() => ModelSource.Open(models));
        Assert.Contains("is an SDXL model", e.Message);
        Assert.Contains("TDM runs Stable Diffusion 1.x", e.Message);
    }

    [Fact]
    public void Open_Sd2ShapedConfigs_RefusedAsSd2()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        GoldenCopy.Edit(Path.Combine(models, "unet", "config.json"), s => s.Replace("\"cross_attention_dim\": 32", "\"cross_attention_dim\": 1024", StringComparison.Ordinal));
        Assert.Contains("Stable Diffusion 2.x", Fails(() => ModelSource.Open(models)).Message);
    }

    [Fact]
    public void Open_MismatchedTextEncoder_Refused()
    {
        using var dir = new TempFolder();
        string models = GoldenCopy.Models(dir.File("m"));
        GoldenCopy.Edit(Path.Combine(models, "unet", "config.json"), s => s.Replace("\"cross_attention_dim\": 32", "\"cross_attention_dim\": 64", StringComparison.Ordinal));
        Assert.Contains("text encoder's width 32 does not match the U-Net's cross_attention_dim 64", Fails(() => ModelSource.Open(models)).Message);
    }

    [Fact]
    public void Open_PickleCheckpointFile_Refused()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("v1-5.ckpt"), [0x80, 0x02, 0x8A, 0x0A]);
        var e = Fails(() => ModelSource.Open(dir.File("v1-5.ckpt")));
        Assert.Contains("pickle", e.Message);
    }
}
