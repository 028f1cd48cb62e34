using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs.Layers;

namespace Tdm.Engine.Graphs;

/// <summary>
/// diffusers' ControlNetModel as an ONNX graph: the U-Net's encoder conditioned on an image, whose zero-convolution
/// outputs (times the conditioning scale) become the U-Net's residuals.
/// <code>
/// sample                [B, 4, h, w]     float32
/// timestep              [B]              float32
/// encoder_hidden_states [B, 77, D]       float32
/// controlnet_cond       [B, 3, 8h, 8w]   float32   conditioning image, RGB in [0, 1] (the degraded frame)
/// conditioning_scale    [1]              float32
/// frame_mix             [B, B]           float32   M for the ControlNet's own attn1 layers
/// -> down_residual_{0..11}, mid_residual  float32  (names match the U-Net's inputs)
/// </code>
/// </summary>
internal static class ControlNetGraph
{
    public const string Cond = "controlnet_cond", Scale = "conditioning_scale";

    public static GraphBuilder Build(ControlNetSpec spec, ITensorSource weights, TensorType computeType)
    {
        var g = new GraphBuilder("controlnet", computeType);
        var nn = new Nn(g, weights);
        var enc = spec.Encoder;

        var sample = g.ToCompute(g.Input(UNetGraph.Sample, TensorType.Float, "batch", enc.InChannels, "height", "width"));
        var timestep = g.Input(UNetGraph.Timestep, TensorType.Float, "batch");
        var context = g.ToCompute(g.Input(UNetGraph.EncoderHiddenStates, TensorType.Float, "batch", "tokens", enc.CrossAttentionDim));
        var cond = g.ToCompute(g.Input(Cond, TensorType.Float, "batch", spec.ConditioningChannels, "image_height", "image_width"));
        var scale = g.ToCompute(g.Input(Scale, TensorType.Float, 1));
        var mixer = new FrameMixing(g.ToCompute(g.Input(UNetGraph.FrameMix, TensorType.Float, "batch", "batch")));

        var temb = UNetBlocks.Time(nn, enc, timestep);
        var h = nn.Conv2d("conv_in", sample, enc.InChannels, enc.BlockOutChannels[0]);
        h = g.Add(h, CondEmbedding(nn, spec, cond));
        (h, var skips) = UNetBlocks.Down(nn, enc, h, temb, context, mixer);
        h = UNetBlocks.Mid(nn, enc, h, temb, context, mixer);

        var skipChannels = enc.SkipChannels;
        for (int i = 0; i < skips.Count; i++)
        {
            var r = nn.Conv2d($"controlnet_down_blocks.{i}", skips[i], skipChannels[i], skipChannels[i], kernel: 1);
            g.Output(UNetGraph.DownResidual(i), g.ToFloat32(g.Mul(r, scale)), TensorType.Float,
                "batch", skipChannels[i], $"h{enc.SkipDownsampling[i]}", $"w{enc.SkipDownsampling[i]}");
        }
        int lowest = enc.BlockOutChannels.Length - 1;
        var mid = nn.Conv2d("controlnet_mid_block", h, enc.BlockOutChannels[^1], enc.BlockOutChannels[^1], kernel: 1);
        g.Output(UNetGraph.MidResidual, g.ToFloat32(g.Mul(mid, scale)), TensorType.Float, "batch", enc.BlockOutChannels[^1], $"h{lowest}", $"w{lowest}");
        weights.ThrowIfProblems();
        return g;
    }

    // ControlNetConditioningEmbedding: image [B, 3, 8h, 8w] -> [B, C0, h, w] through stride-2 convolutions.
    private static Value CondEmbedding(Nn nn, ControlNetSpec spec, Value cond)
    {
        const string key = "controlnet_cond_embedding";
        var channels = spec.ConditioningEmbeddingChannels;
        var h = nn.G.Silu(nn.Conv2d($"{key}.conv_in", cond, spec.ConditioningChannels, channels[0]));
        for (int i = 0; i < channels.Length - 1; i++)
        {
            h = nn.G.Silu(nn.Conv2d($"{key}.blocks.{2 * i}", h, channels[i], channels[i]));
            h = nn.G.Silu(nn.Conv2d($"{key}.blocks.{(2 * i) + 1}", h, channels[i], channels[i + 1], stride: 2));
        }
        return nn.Conv2d($"{key}.conv_out", h, channels[^1], spec.Encoder.BlockOutChannels[0]);
    }
}

/// <summary>The ControlNet's architecture: the U-Net encoder plus the conditioning image embedding.</summary>
internal sealed record ControlNetSpec(UNetEncoderSpec Encoder, int ConditioningChannels, int[] ConditioningEmbeddingChannels);
