using Tdm.Engine.Checkpoints;
using Tdm.Tests;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Checkpoints;

public class ControlNetConfigTests
{
    [Fact]
    public void Load_GoldenConfig_ReadsEncoderAndConditioningFields()
    {
        var c = ControlNetConfig.Load(Golden.Path("models", "controlnet", "config.json"));
        Assert.Equal([16, 16, 32, 32], c.BlockOutChannels);
        Assert.Equal([8, 16, 16, 32], c.ConditioningEmbeddingOutChannels);
        Assert.Equal(3, c.ConditioningChannels);
        Assert.False(c.GlobalPoolConditions);
        Assert.Equal(32, c.CrossAttentionDim);
        Assert.Equal(8, c.NormNumGroups);
        Assert.Equal([8, 8, 8, 8], c.AttentionHeads);
    }

    [Fact]
    public void FromUNet_GoldenUNet_GivesTheGoldenControlNetsEncoder()
    {
        var unet = UNetConfig.Load(Golden.Path("models", "unet", "config.json"));
        var golden = ControlNetConfig.Load(Golden.Path("models", "controlnet", "config.json"));
        var built = ControlNetConfig.FromUNet(unet, golden.ConditioningEmbeddingOutChannels);
        Assert.Equal(golden.ToJson(), built.ToJson());
    }

    [Theory]
    [InlineData("""{"global_pool_conditions":true}""", "global_pool_conditions is true")]
    [InlineData("""{"controlnet_conditioning_channel_order":"bgr"}""", "controlnet_conditioning_channel_order is \"bgr\"")]
    [InlineData("""{"use_linear_projection":true}""", "use_linear_projection is true")]
    [InlineData("""{"_class_name":"UNet2DConditionModel"}""", "this is a U-Net")]
    public void Parse_UnsupportedValue_Refused(string json, string expected)
    {
        var e = Assert.Throws<CheckpointException>(() => ControlNetConfig.Parse(json, "controlnet/config.json"));
        Assert.Contains("controlnet/config.json", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ToJson_ThenParse_RoundTrips()
    {
        foreach (var c in new[] { ControlNetConfig.Load(Golden.Path("models", "controlnet", "config.json")), ControlNetConfig.StableDiffusion15 })
        {
            string json = c.ToJson();
            Assert.Contains("\"_class_name\": \"ControlNetModel\"", json);
            Assert.Equal(json, ControlNetConfig.Parse(json, "rt").ToJson());
        }
    }
}
