using Tdm.Engine.Configs;
using Tdm.Tests;

namespace Tdm.Engine.Tests.Checkpoints;

/// <summary>Issue 12's config classes: overflowing numbers, undecodable strings and values past every bound, each
/// refused while the config is read, naming the file and the field, before anything is sized from it.</summary>
public class ConfigLimitsTests
{
    private static string Golden(string component) => File.ReadAllText(Tdm.Tests.Golden.Path("models", component, "config.json"));

    private static CheckpointException Refused(Func<string, string, object> parse, string json)
    {
        var e = Assert.Throws<CheckpointException>(() => parse(json, "cfg.json"));
        Assert.StartsWith("cfg.json: ", e.Message);
        return e;
    }

    private static string Set(string json, string field, string value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
        return node.ToJsonString();
    }

    [Theory]
    [InlineData("norm_eps")]
    [InlineData("cross_attention_dim")]
    [InlineData("layers_per_block")]
    public void UNet_NumberOverflowingToInfinity_RefusedNamingTheField(string field)
    {
        var e = Refused(UNetConfig.Parse, Set(Golden("unet"), field, "1e400"));
        Assert.Contains(field, e.Message);
    }

    [Fact]
    public void Scheduler_TrainedBetaOverflowing_Refused() =>
        Assert.Contains("beta_start is 1e400, which is not a finite number",
            Refused(SchedulerConfig.Parse, Set(File.ReadAllText(Tdm.Tests.Golden.Path("models", "scheduler", "scheduler_config.json")), "beta_start", "1e400")).Message);

    [Theory]
    [InlineData("unet", "layers_per_block", "1e9", "1..16")]
    [InlineData("unet", "layers_per_block", "1000000000", "1..16")]
    [InlineData("unet", "block_out_channels", "[32, 64, 1000000000]", "entries in 1..8192")]
    [InlineData("unet", "block_out_channels", "[32, 32, 32, 32, 32, 32, 32, 32, 32]", "at most 8 entries")]
    [InlineData("unet", "attention_head_dim", "100000", "1..256")]
    [InlineData("unet", "cross_attention_dim", "2147483647", "1..8192")]
    [InlineData("unet", "conv_in_kernel", "1001", "1..15")]
    [InlineData("unet", "freq_shift", "1000", "0..1")]
    [InlineData("unet", "norm_eps", "1e300", "at most 1")]
    [InlineData("vae", "layers_per_block", "1e9", "1..16")]
    [InlineData("vae", "scaling_factor", "-1", "above 0")]
    [InlineData("vae", "sample_size", "[]", "one size or [height, width]")]
    [InlineData("text_encoder", "num_hidden_layers", "1e9", "1..96")]
    [InlineData("text_encoder", "max_position_embeddings", "1e9", "1..1024")]
    [InlineData("text_encoder", "vocab_size", "2000000000", "1..1000000")]
    [InlineData("controlnet", "conditioning_embedding_out_channels", "[16, 32, 96, 256, 16, 32, 96, 256, 512]", "at most 8 entries")]
    public void Validate_ValuePastItsBound_RefusedWithTheRangeAndSd15sValue(string component, string field, string value, string range)
    {
        Func<string, string, object> parse = component switch
        {
            "unet" => UNetConfig.Parse,
            "vae" => VaeConfig.Parse,
            "text_encoder" => ClipTextConfig.Parse,
            _ => ControlNetConfig.Parse,
        };
        var e = Refused(parse, Set(Golden(component), field, value));
        Assert.Contains(field, e.Message);
        Assert.Contains(range, e.Message);
        Assert.Contains("SD1.5: ", e.Message);
    }

    [Fact]
    public void Parse_KeyEscapingALoneSurrogate_RefusedQuotingIt()
    {
        string json = Golden("unet").Replace("\"act_fn\"", "\"act_fn\\ud800\"", StringComparison.Ordinal);
        var e = Refused(UNetConfig.Parse, json);
        Assert.Contains("\"act_fn\\ud800\"", e.Message);
        Assert.Contains("lone UTF-16 surrogate", e.Message);
    }

    [Fact]
    public void Parse_ValueEscapingALoneSurrogate_RefusedNamingTheField()
    {
        string json = Golden("unet").Replace("\"UNetMidBlock2DCrossAttn\"", "\"Mid\\udc00\"", StringComparison.Ordinal);
        Assert.Contains("(in \"mid_block_type\")", Refused(UNetConfig.Parse, json).Message);
    }

    [Fact]
    public void Load_Fifo_RefusedWithoutOpeningIt()
    {
        using var dir = new TempFolder();
        string fifo = SpecialFiles.MakeFifo(dir.File("config.json"));
        var e = Assert.Throws<CheckpointException>(() => UNetConfig.Load(fifo));
        Assert.Contains("is a FIFO (named pipe)", e.Message);
    }

    [Fact]
    public void Load_FileLargerThanAnyConfig_RefusedBeforeReading()
    {
        using var dir = new TempFolder();
        string path = dir.File("config.json");
        using (var f = File.Create(path))
            f.SetLength(ConfigReader.MaxFileBytes + 1);
        Assert.Contains("too large for a config.json", Assert.Throws<CheckpointException>(() => UNetConfig.Load(path)).Message);
    }

    [Fact]
    public void Golden_EveryConfig_WithinTheBounds()
    {
        UNetConfig.Load(Tdm.Tests.Golden.Path("models", "unet", "config.json"));
        VaeConfig.Load(Tdm.Tests.Golden.Path("models", "vae", "config.json"));
        ClipTextConfig.Load(Tdm.Tests.Golden.Path("models", "text_encoder", "config.json"));
        ControlNetConfig.Load(Tdm.Tests.Golden.Path("models", "controlnet", "config.json"));
        SchedulerConfig.Load(Tdm.Tests.Golden.Path("models", "scheduler", "scheduler_config.json"));
        foreach (IModelConfig c in new IModelConfig[] { UNetConfig.StableDiffusion15, VaeConfig.StableDiffusion15, ClipTextConfig.StableDiffusion15, ControlNetConfig.StableDiffusion15, SchedulerConfig.StableDiffusion15 })
            c.Validate("SD1.5");
    }
}
