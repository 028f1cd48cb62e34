using System.Text.Json;
using Tdm.Engine.Graphs;

namespace Tdm.Engine.Tests.Graphs;

/// <summary>Architecture specs of the golden tiny models, read from their config.json files.</summary>
internal static class GoldenSpecs
{
    private static JsonElement Config(string component) =>
        JsonDocument.Parse(File.ReadAllText(Tdm.Tests.Golden.Path("models", component, "config.json"))).RootElement;

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    private static string[] Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToArray();

    private static UNetEncoderSpec Encoder(JsonElement c)
    {
        var blocks = Ints(c.GetProperty("block_out_channels"));
        var heads = c.GetProperty("attention_head_dim");
        int[] h = heads.ValueKind == JsonValueKind.Array ? Ints(heads) : Enumerable.Repeat(heads.GetInt32(), blocks.Length).ToArray();
        return new UNetEncoderSpec(c.GetProperty("in_channels").GetInt32(), blocks, Strings(c.GetProperty("down_block_types")),
            c.GetProperty("layers_per_block").GetInt32(), h, 1, c.GetProperty("norm_num_groups").GetInt32(),
            (float)c.GetProperty("norm_eps").GetDouble(), c.GetProperty("cross_attention_dim").GetInt32(),
            c.GetProperty("flip_sin_to_cos").GetBoolean(), (float)c.GetProperty("freq_shift").GetDouble());
    }

    public static UNetSpec UNet()
    {
        var c = Config("unet");
        return new UNetSpec(Encoder(c), Strings(c.GetProperty("up_block_types")), c.GetProperty("out_channels").GetInt32());
    }

    public static ControlNetSpec ControlNet()
    {
        var c = Config("controlnet");
        return new ControlNetSpec(Encoder(c), c.GetProperty("conditioning_channels").GetInt32(), Ints(c.GetProperty("conditioning_embedding_out_channels")));
    }

    public static VaeSpec Vae()
    {
        var c = Config("vae");
        return new VaeSpec(c.GetProperty("in_channels").GetInt32(), c.GetProperty("out_channels").GetInt32(), c.GetProperty("latent_channels").GetInt32(),
            Ints(c.GetProperty("block_out_channels")), c.GetProperty("layers_per_block").GetInt32(), c.GetProperty("norm_num_groups").GetInt32(),
            (float)c.GetProperty("scaling_factor").GetDouble(), true, true, true);
    }

    public static ClipTextSpec Clip()
    {
        var c = Config("text_encoder");
        return new ClipTextSpec(c.GetProperty("vocab_size").GetInt32(), c.GetProperty("hidden_size").GetInt32(), c.GetProperty("intermediate_size").GetInt32(),
            c.GetProperty("num_hidden_layers").GetInt32(), c.GetProperty("num_attention_heads").GetInt32(), c.GetProperty("max_position_embeddings").GetInt32(),
            (float)c.GetProperty("layer_norm_eps").GetDouble(), c.GetProperty("hidden_act").GetString() == "quick_gelu");
    }
}
