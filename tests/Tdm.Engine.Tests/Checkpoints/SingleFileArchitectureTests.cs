using Tdm.Engine.Checkpoints;
using Tdm.Tests;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Checkpoints;

public class SingleFileArchitectureTests
{
    [Fact]
    public void UNet_GoldenSingleFile_EqualsTheGoldenConfigWhereShapesTell()
    {
        using var f = SafetensorsFile.Open(SingleFileFixtures.Sd15);
        var d = SingleFileArchitecture.UNet(f.Tensors, f.Path);
        var golden = UNetConfig.Load(Golden.Path("models", "unet", "config.json"));
        Assert.Equal([16, 16, 32, 32], d.BlockOutChannels);
        Assert.Equal(2, d.LayersPerBlock);
        Assert.Equal(golden.DownBlockTypes, d.DownBlockTypes);
        Assert.Equal(golden.UpBlockTypes, d.UpBlockTypes);
        Assert.Equal(32, d.CrossAttentionDim);
        Assert.Equal(4, d.InChannels);
        Assert.Equal(4, d.OutChannels);
        Assert.Equal(3, d.ConvInKernel);
        Assert.False(d.UseLinearProjection);
        Assert.Empty(SingleFileArchitecture.Differences(d, golden));
        // What shapes cannot tell takes SD1.5's values: 8 heads (the golden's too) and 32 groups (the golden has 8).
        Assert.Equal([8, 8, 8, 8], d.AttentionHeads);
        Assert.Equal(32, d.NormNumGroups);
        Assert.Equal(8, golden.NormNumGroups);
    }

    [Fact]
    public void Vae_GoldenSingleFile_EqualsTheGoldenConfigWhereShapesTell()
    {
        using var f = SafetensorsFile.Open(SingleFileFixtures.Sd15);
        var d = SingleFileArchitecture.Vae(f.Tensors, f.Path);
        var golden = VaeConfig.Load(Golden.Path("models", "vae", "config.json"));
        Assert.Equal([8, 16, 16, 16], d.BlockOutChannels);
        Assert.Equal(2, d.LayersPerBlock);
        Assert.Equal(4, d.LatentChannels);
        Assert.True(d.UseQuantConv && d.UsePostQuantConv && d.MidBlockAddAttention);
        Assert.Empty(SingleFileArchitecture.Differences(d, golden));
        Assert.Equal(0.18215, d.ScalingFactor);
        Assert.Equal(32, d.NormNumGroups); // SD1.5's; the golden VAE has 4
    }

    [Fact]
    public void Clip_GoldenSingleFile_EqualsTheGoldenConfigWhereShapesTell()
    {
        using var f = SafetensorsFile.Open(SingleFileFixtures.Sd15);
        var d = SingleFileArchitecture.Clip(f.Tensors, f.Path);
        var golden = ClipTextConfig.Load(Golden.Path("models", "text_encoder", "config.json"));
        Assert.Equal(49408, d.VocabSize);
        Assert.Equal(32, d.HiddenSize);
        Assert.Equal(64, d.IntermediateSize);
        Assert.Equal(2, d.NumHiddenLayers);
        Assert.Equal(77, d.MaxPositionEmbeddings);
        Assert.Empty(SingleFileArchitecture.Differences(d, golden));
        Assert.Equal(12, d.NumAttentionHeads); // SD1.5's; the golden has 4
    }

    [Fact]
    public void ControlNet_GoldenSingleFile_EqualsTheGoldenConfigWhereShapesTell()
    {
        using var f = SafetensorsFile.Open(SingleFileFixtures.ControlNet);
        var d = SingleFileArchitecture.ControlNet(f.Tensors, LdmKeyMap.ControlNetPrefix, f.Path);
        var golden = ControlNetConfig.Load(Golden.Path("models", "controlnet", "config.json"));
        Assert.Equal([8, 16, 16, 32], d.ConditioningEmbeddingOutChannels);
        Assert.Equal(3, d.ConditioningChannels);
        Assert.Equal([16, 16, 32, 32], d.BlockOutChannels);
        Assert.Equal(32, d.CrossAttentionDim);
        Assert.Empty(SingleFileArchitecture.Differences(d, golden));
    }

    [Fact]
    public void Resolve_ConfigOfAnotherModel_ListsEachDisagreement()
    {
        using var f = SafetensorsFile.Open(SingleFileFixtures.Sd15);
        var d = SingleFileArchitecture.UNet(f.Tensors, f.Path);
        var e = Assert.Throws<CheckpointException>(() => SingleFileArchitecture.Resolve(d, UNetConfig.StableDiffusion15, f.Path, "unet"));
        Assert.Contains("block_out_channels is [320, 640, 1280, 1280] in the config, [16, 16, 32, 32] in the weights", e.Message);
        Assert.Contains("cross_attention_dim is 768 in the config, 32 in the weights", e.Message);
        var golden = UNetConfig.Load(Golden.Path("models", "unet", "config.json"));
        Assert.Same(golden, SingleFileArchitecture.Resolve(d, golden, f.Path, "unet"));
    }

    [Fact]
    public void UNet_FileWithoutConvIn_NamesTheMissingKey()
    {
        using var dir = new TempFolder();
        string path = SingleFileFixtures.Rewrite(SingleFileFixtures.Sd15, dir.File("x.safetensors"),
            (t, file) => t.Name.StartsWith("model.diffusion_model.input_blocks.0.", StringComparison.Ordinal) ? [] : null);
        using var f = SafetensorsFile.Open(path);
        var e = Assert.Throws<CheckpointException>(() => SingleFileArchitecture.UNet(f.Tensors, f.Path));
        Assert.Equal("model.diffusion_model.input_blocks.0.0.weight", e.TensorName);
    }
}
