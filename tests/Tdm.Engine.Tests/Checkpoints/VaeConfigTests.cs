using Tdm.Engine.Checkpoints;
using Tdm.Tests;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Checkpoints;

public class VaeConfigTests
{
    [Fact]
    public void Load_GoldenConfig_ReadsEveryField()
    {
        var c = VaeConfig.Load(Golden.Path("models", "vae", "config.json"));
        Assert.Equal([8, 16, 16, 16], c.BlockOutChannels);
        Assert.Equal(2, c.LayersPerBlock);
        Assert.Equal(4, c.LatentChannels);
        Assert.Equal(4, c.NormNumGroups);
        Assert.Equal(0.18215, c.ScalingFactor);
        Assert.Equal(3, c.InChannels);
        Assert.Equal(3, c.OutChannels);
        Assert.True(c.UseQuantConv);
        Assert.True(c.UsePostQuantConv);
        Assert.True(c.MidBlockAddAttention);
        Assert.Equal(64, c.SampleSize);
    }

    [Fact]
    public void Defaults_AreDiffusersDefaults()
    {
        var c = VaeConfig.Parse("{}", "empty");
        Assert.Equal([64], c.BlockOutChannels);
        Assert.Equal(1, c.LayersPerBlock);
        Assert.Equal(32, c.NormNumGroups);
        Assert.Equal([128, 256, 512, 512], VaeConfig.StableDiffusion15.BlockOutChannels);
    }

    [Theory]
    [InlineData("""{"shift_factor":0.1159}""", "shift_factor is 0.1159")]
    [InlineData("""{"block_out_channels":[8,16],"down_block_types":["DownEncoderBlock2D","DownEncoderBlock2D"],"up_block_types":["UpDecoderBlock2D"]}""", "up_block_types")]
    [InlineData("""{"down_block_types":["DownBlock2D"]}""", "down_block_types is [DownBlock2D]")]
    [InlineData("""{"block_out_channels":[64],"norm_num_groups":5}""", "norm_num_groups is 5")]
    [InlineData("""{"_class_name":"AutoencoderTiny"}""", "is a AutoencoderTiny config")]
    public void Parse_UnsupportedValue_Refused(string json, string expected)
    {
        var e = Assert.Throws<CheckpointException>(() => VaeConfig.Parse(json, "vae/config.json"));
        Assert.Contains("vae/config.json", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ToJson_ThenParse_RoundTrips()
    {
        foreach (var c in new[] { VaeConfig.Load(Golden.Path("models", "vae", "config.json")), VaeConfig.StableDiffusion15, new VaeConfig { UseQuantConv = false, MidBlockAddAttention = false } })
        {
            string json = c.ToJson();
            Assert.Contains("\"_class_name\": \"AutoencoderKL\"", json);
            Assert.Equal(json, VaeConfig.Parse(json, "rt").ToJson());
        }
    }
}
