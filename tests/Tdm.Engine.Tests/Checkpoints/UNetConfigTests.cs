using Tdm.Engine.Checkpoints;
using Tdm.Tests;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Checkpoints;

public class UNetConfigTests
{
    private static CheckpointException Refused(string json)
    {
        var e = Assert.Throws<CheckpointException>(() => UNetConfig.Parse(json, "unet/config.json"));
        Assert.StartsWith("unet/config.json: ", e.Message);
        return e;
    }

    [Fact]
    public void Load_GoldenConfig_ReadsEveryField()
    {
        var c = UNetConfig.Load(Golden.Path("models", "unet", "config.json"));
        Assert.Equal([16, 16, 32, 32], c.BlockOutChannels);
        Assert.Equal(["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"], c.DownBlockTypes);
        Assert.Equal(["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"], c.UpBlockTypes);
        Assert.Equal(2, c.LayersPerBlock);
        Assert.Equal([8, 8, 8, 8], c.AttentionHeads);
        Assert.Null(c.NumAttentionHeads);
        Assert.Equal(32, c.CrossAttentionDim);
        Assert.Equal(8, c.NormNumGroups);
        Assert.Equal(1e-5, c.NormEps);
        Assert.Equal(4, c.InChannels);
        Assert.Equal(4, c.OutChannels);
        Assert.Equal(8, c.SampleSize);
        Assert.Equal(64, c.TimeEmbeddingDim);
        Assert.True(c.FlipSinToCos);
        Assert.Equal(0, c.FreqShift);
        Assert.False(c.UseLinearProjection);
        Assert.Equal([1], c.TransformerLayersPerBlock);
        Assert.True(c.DownBlockHasAttention(0));
        Assert.False(c.UpBlockHasAttention(0));
    }

    [Fact]
    public void Defaults_AreDiffusersDefaults()
    {
        var c = UNetConfig.Parse("{}", "empty");
        Assert.Equal([320, 640, 1280, 1280], c.BlockOutChannels);
        Assert.Equal(1280, c.CrossAttentionDim);
        Assert.Equal(32, c.NormNumGroups);
        Assert.Equal([8, 8, 8, 8], c.AttentionHeads);
        Assert.Null(c.SampleSize);
        Assert.Equal(768, UNetConfig.StableDiffusion15.CrossAttentionDim);
        Assert.Equal(64, UNetConfig.StableDiffusion15.SampleSize);
    }

    [Fact]
    public void AttentionHeads_PerBlockListAndNumAttentionHeads_FollowDiffusersQuirk()
    {
        var perBlock = UNetConfig.Parse("""{"attention_head_dim":[5,10,20,20],"block_out_channels":[320,640,1280,1280]}""", "c");
        Assert.Equal([5, 10, 20, 20], perBlock.AttentionHeads);
        Assert.Equal(20, perBlock.MidBlockHeads);
        Assert.Equal(20, perBlock.HeadsOfUpBlock(0));
        Assert.Equal(5, perBlock.HeadsOfUpBlock(3));
        var explicitHeads = UNetConfig.Parse("""{"attention_head_dim":64,"num_attention_heads":10}""", "c");
        Assert.Equal([10, 10, 10, 10], explicitHeads.AttentionHeads);
    }

    [Fact]
    public void Parse_UseLinearProjection_RefusedNamingFieldAndSupport()
    {
        var e = Refused("""{"use_linear_projection":true}""");
        Assert.Contains("use_linear_projection is true", e.Message);
        Assert.Contains("SD 2.x", e.Message);
        Assert.Contains("TDM supports false", e.Message);
    }

    [Fact]
    public void Parse_UnknownBlockType_Refused()
    {
        var e = Refused("""{"down_block_types":["CrossAttnDownBlock2D","SimpleCrossAttnDownBlock2D","CrossAttnDownBlock2D","DownBlock2D"]}""");
        Assert.Contains("down_block_types is \"SimpleCrossAttnDownBlock2D\"", e.Message);
        Assert.Contains("CrossAttnDownBlock2D and DownBlock2D", e.Message);
    }

    [Theory]
    [InlineData("""{"addition_embed_type":"text_time"}""", "addition_embed_type is \"text_time\" (SDXL")]
    [InlineData("""{"transformer_layers_per_block":[1,2,10,10]}""", "transformer_layers_per_block is [1, 2, 10, 10]")]
    [InlineData("""{"time_cond_proj_dim":256}""", "time_cond_proj_dim is 256")]
    [InlineData("""{"class_embed_type":"timestep"}""", "class_embed_type")]
    [InlineData("""{"mid_block_type":"UNetMidBlock2DSimpleCrossAttn"}""", "mid_block_type")]
    [InlineData("""{"attention_head_dim":7}""", "divides the block's 320 channels")]
    [InlineData("""{"norm_num_groups":48}""", "norm_num_groups is 48")]
    [InlineData("""{"up_block_types":["UpBlock2D"]}""", "up_block_types")]
    [InlineData("""{"conv_in_kernel":4}""", "conv_in_kernel is 4")]
    [InlineData("""{"layers_per_block":[1,2,2,2]}""", "layers_per_block")]
    public void Parse_UnsupportedValue_RefusedWithField(string json, string expected) =>
        Assert.Contains(expected, Refused(json).Message);

    [Fact]
    public void Parse_WrongJsonType_NamesFieldAndValue()
    {
        var e = Refused("""{"layers_per_block":"two"}""");
        Assert.Contains("layers_per_block must be an integer or a list of integers, got \"two\"", e.Message);
    }

    [Fact]
    public void Load_ControlNetConfig_RefusedSayingWhatItIs()
    {
        var e = Assert.Throws<CheckpointException>(() => UNetConfig.Load(Golden.Path("models", "controlnet", "config.json")));
        Assert.Contains("is a ControlNetModel config", e.Message);
    }

    [Fact]
    public void Load_MissingOrInvalidFile_ThrowsNamingIt()
    {
        using var dir = new TempFolder();
        Assert.Contains("config file not found", Assert.Throws<CheckpointException>(() => UNetConfig.Load(dir.File("config.json"))).Message);
        File.WriteAllText(dir.File("config.json"), "{ nope");
        Assert.Contains("is not valid JSON", Assert.Throws<CheckpointException>(() => UNetConfig.Load(dir.File("config.json"))).Message);
    }

    [Fact]
    public void ToJson_ThenParse_RoundTripsWithClassName()
    {
        var golden = UNetConfig.Load(Golden.Path("models", "unet", "config.json"));
        var custom = golden with { AttentionHeadDim = [2, 4, 4, 8], SampleSize = null, UpcastAttention = true };
        foreach (var c in new[] { golden, custom, UNetConfig.StableDiffusion15 })
        {
            string json = c.ToJson();
            Assert.Contains("\"_class_name\": \"UNet2DConditionModel\"", json);
            Assert.Equal(json, UNetConfig.Parse(json, "round trip").ToJson());
        }
        Assert.Equal([2, 4, 4, 8], UNetConfig.Parse(custom.ToJson(), "rt").AttentionHeads);
    }
}
