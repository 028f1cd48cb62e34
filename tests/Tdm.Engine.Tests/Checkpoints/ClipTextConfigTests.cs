using Tdm.Engine.Checkpoints;
using Tdm.Tests;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Checkpoints;

public class ClipTextConfigTests
{
    [Fact]
    public void Load_GoldenConfig_ReadsEveryField()
    {
        var c = ClipTextConfig.Load(Golden.Path("models", "text_encoder", "config.json"));
        Assert.Equal(49408, c.VocabSize);
        Assert.Equal(32, c.HiddenSize);
        Assert.Equal(64, c.IntermediateSize);
        Assert.Equal(2, c.NumHiddenLayers);
        Assert.Equal(4, c.NumAttentionHeads);
        Assert.Equal(77, c.MaxPositionEmbeddings);
        Assert.Equal("quick_gelu", c.HiddenAct);
        Assert.Equal(1e-5, c.LayerNormEps);
    }

    [Fact]
    public void Parse_FullClipConfig_ReadsItsTextConfig()
    {
        var c = ClipTextConfig.Parse("""{"model_type":"clip","text_config":{"hidden_size":768,"num_attention_heads":12,"intermediate_size":3072},"vision_config":{}}""", "c");
        Assert.Equal(768, c.HiddenSize);
        Assert.Equal(12, c.NumAttentionHeads);
    }

    [Theory]
    [InlineData("""{"hidden_act":"relu"}""", "hidden_act is \"relu\"")]
    [InlineData("""{"model_type":"t5"}""", "model_type is \"t5\"")]
    [InlineData("""{"hidden_size":30,"num_attention_heads":8}""", "num_attention_heads is 8")]
    public void Parse_UnsupportedValue_Refused(string json, string expected)
    {
        var e = Assert.Throws<CheckpointException>(() => ClipTextConfig.Parse(json, "text_encoder/config.json"));
        Assert.Contains("text_encoder/config.json", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ToJson_ThenParse_RoundTrips()
    {
        foreach (var c in new[] { ClipTextConfig.Load(Golden.Path("models", "text_encoder", "config.json")), ClipTextConfig.StableDiffusion15 })
        {
            string json = c.ToJson();
            Assert.Contains("\"CLIPTextModel\"", json);
            Assert.Equal(json, ClipTextConfig.Parse(json, "rt").ToJson());
        }
        Assert.Equal(12, ClipTextConfig.StableDiffusion15.NumHiddenLayers);
    }
}
