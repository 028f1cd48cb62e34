using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs.Layers;

namespace Tdm.Engine.Graphs;

/// <summary>
/// diffusers' AutoencoderKL as two graphs. The encoder returns the posterior's moments and the latent the diffusion
/// model sees (mean x scaling factor: no sampling noise, as TDM's reference does); the decoder undoes the scaling.
/// <code>
/// encoder: image [B, 3, H, W] in [-1, 1]      -> moments [B, 2c, H/8, W/8], latent [B, c, H/8, W/8]
/// decoder: latent [B, c, h, w] (scaled)       -> image [B, 3, 8h, 8w] in about [-1, 1] (unclamped)
/// </code>
/// </summary>
internal static class VaeGraph
{
    public const string Image = "image", Moments = "moments", Latent = "latent";
    private const float Eps = 1e-6f;

    /// <summary>The encoder; <paramref name="tiled"/> builds the variant that runs on one tile of a frame with the
    /// frame's GroupNorm statistics (<see cref="FrameStatistics"/>).</summary>
    public static GraphBuilder BuildEncoder(VaeSpec spec, ITensorSource weights, TensorType computeType, bool tiled = false)
    {
        var g = new GraphBuilder(tiled ? "vae_encoder_tiled" : "vae_encoder", computeType);
        var nn = new Nn(g, weights) { Statistics = tiled ? new FrameStatistics(g, spec.Groups) : null };
        var channels = spec.BlockOutChannels;
        var x = g.ToCompute(g.Input(Image, TensorType.Float, "batch", spec.InChannels, "height", "width"));

        var h = nn.Conv2d("encoder.conv_in", x, spec.InChannels, channels[0]);
        int outChannels = channels[0];
        for (int i = 0; i < channels.Length; i++)
        {
            int inChannels = outChannels;
            outChannels = channels[i];
            for (int j = 0; j < spec.LayersPerBlock; j++)
                h = ResnetBlock2D.Build(nn, $"encoder.down_blocks.{i}.resnets.{j}", h, j == 0 ? inChannels : outChannels, outChannels, spec.Groups, Eps);
            if (i < channels.Length - 1)
                h = Sampling2D.Downsample(nn, $"encoder.down_blocks.{i}.downsamplers.0", h, outChannels, asymmetricPadding: true);
        }
        h = Mid(nn, spec, "encoder.mid_block", h);
        h = g.Silu(nn.GroupNorm("encoder.conv_norm_out", h, channels[^1], spec.Groups, Eps));
        h = nn.Conv2d("encoder.conv_out", h, channels[^1], 2 * spec.LatentChannels);
        if (spec.UseQuantConv)
            h = nn.Conv2d("quant_conv", h, 2 * spec.LatentChannels, 2 * spec.LatentChannels, kernel: 1);

        var moments = g.ToFloat32(h);
        var (mean, _) = g.Halves(moments, axis: 1);
        g.Output(Moments, moments, TensorType.Float, "batch", 2 * spec.LatentChannels, "latent_height", "latent_width");
        g.Output(Latent, g.Mul(mean, g.ConstantFloat32([spec.ScalingFactor])), TensorType.Float, "batch", spec.LatentChannels, "latent_height", "latent_width");
        weights.ThrowIfProblems();
        return g;
    }

    /// <summary>The decoder; <paramref name="tiled"/> as for <see cref="BuildEncoder"/>.</summary>
    public static GraphBuilder BuildDecoder(VaeSpec spec, ITensorSource weights, TensorType computeType, bool tiled = false)
    {
        var g = new GraphBuilder(tiled ? "vae_decoder_tiled" : "vae_decoder", computeType);
        var nn = new Nn(g, weights) { Statistics = tiled ? new FrameStatistics(g, spec.Groups) : null };
        var channels = spec.BlockOutChannels;
        var latent = g.Input(Latent, TensorType.Float, "batch", spec.LatentChannels, "latent_height", "latent_width");

        var z = g.ToCompute(g.Div(latent, g.ConstantFloat32([spec.ScalingFactor])));
        if (spec.UsePostQuantConv)
            z = nn.Conv2d("post_quant_conv", z, spec.LatentChannels, spec.LatentChannels, kernel: 1);
        var h = nn.Conv2d("decoder.conv_in", z, spec.LatentChannels, channels[^1]);
        h = Mid(nn, spec, "decoder.mid_block", h);
        var reversed = channels.Reverse().ToArray();
        int outChannels = reversed[0];
        for (int i = 0; i < reversed.Length; i++)
        {
            int inChannels = outChannels;
            outChannels = reversed[i];
            for (int j = 0; j < spec.LayersPerBlock + 1; j++)
                h = ResnetBlock2D.Build(nn, $"decoder.up_blocks.{i}.resnets.{j}", h, j == 0 ? inChannels : outChannels, outChannels, spec.Groups, Eps);
            if (i < reversed.Length - 1)
                h = Sampling2D.Upsample(nn, $"decoder.up_blocks.{i}.upsamplers.0", h, outChannels);
        }
        h = g.Silu(nn.GroupNorm("decoder.conv_norm_out", h, channels[0], spec.Groups, Eps));
        h = nn.Conv2d("decoder.conv_out", h, channels[0], spec.OutChannels);
        g.Output(Image, g.ToFloat32(h), TensorType.Float, "batch", spec.OutChannels, "height", "width");
        weights.ThrowIfProblems();
        return g;
    }

    /// <summary>How many GroupNorms the encoder (or the <paramref name="decoder"/>) has: two per resnet, one in the
    /// mid block's attention, one before conv_out.</summary>
    public static int GroupNorms(VaeSpec spec, bool decoder) =>
        (spec.BlockOutChannels.Length * (spec.LayersPerBlock + (decoder ? 1 : 0)) * 2) + 4 + (spec.MidBlockAttention ? 1 : 0) + 1;

    // UNetMidBlock2D without time embedding: resnet, single-head self-attention over pixels, resnet.
    private static Value Mid(Nn nn, VaeSpec spec, string key, Value h)
    {
        int c = spec.BlockOutChannels[^1];
        h = ResnetBlock2D.Build(nn, $"{key}.resnets.0", h, c, c, spec.Groups, Eps);
        if (spec.MidBlockAttention)
        {
            string attn = $"{key}.attentions.0";
            var tokens = nn.ToTokens(nn.GroupNorm($"{attn}.group_norm", h, c, spec.Groups, Eps), c);
            var attended = nn.Statistics is null
                ? Attention.Build(nn, attn, tokens, c, heads: 1, qkvBias: true)
                : FrameAttention(nn, attn, tokens, h, c);
            h = nn.G.Add(nn.FromTokens(attended, h), h);
        }
        return ResnetBlock2D.Build(nn, $"{key}.resnets.1", h, c, c, spec.Groups, Eps);
    }

    // The mid block's attention when the graph is cut for tiles: queries, keys and values are made in the windows,
    // then the graph is cut so that a window's queries attend to the whole frame's keys and values, as untiled.
    private static Value FrameAttention(Nn nn, string key, Value tokens, Value like, int c)
    {
        var g = nn.G;
        var q = nn.FromTokens(nn.Linear($"{key}.to_q", tokens, c, c), like);
        var k = nn.FromTokens(nn.Linear($"{key}.to_k", tokens, c, c), like);
        var v = nn.FromTokens(nn.Linear($"{key}.to_v", tokens, c, c), like);
        g.Cut(k, v);
        var attended = g.MicrosoftOp("MultiHeadAttention", [nn.ToTokens(q, c), nn.ToTokens(k, c), nn.ToTokens(v, c)], ("num_heads", 1));
        return nn.Linear($"{key}.to_out.0", attended, c, c);
    }
}

/// <summary>The VAE's architecture.</summary>
internal sealed record VaeSpec(
    int InChannels,
    int OutChannels,
    int LatentChannels,
    int[] BlockOutChannels,
    int LayersPerBlock,
    int Groups,
    float ScalingFactor,
    bool UseQuantConv,
    bool UsePostQuantConv,
    bool MidBlockAttention);
