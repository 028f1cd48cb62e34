using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs.Layers;

namespace Tdm.Engine.Graphs;

/// <summary>
/// diffusers' UNet2DConditionModel (SD1.5 layout) as an ONNX graph that also takes the ControlNet's residuals and a
/// frame-mixing matrix for every self-attention layer.
/// <code>
/// sample                [B, 4, h, w]   float32   latents x_t
/// timestep              [B]            float32
/// encoder_hidden_states [B, 77, D]     float32   prompt embeddings
/// down_residual_{0..11} [B, c_i, h_i, w_i]       ControlNet outputs added to the skip connections (zeros: none)
/// mid_residual          [B, c, h/8, w/8]         added to the mid block's output
/// frame_mix             [B, B]         float32   M: K' = M K, V' = M V in every attn1
/// -> noise_pred         [B, 4, h, w]   float32   predicted epsilon
/// </code>
/// </summary>
internal static class UNetGraph
{
    public const string Sample = "sample", Timestep = "timestep", EncoderHiddenStates = "encoder_hidden_states";
    public const string MidResidual = "mid_residual", FrameMix = "frame_mix", NoisePred = "noise_pred";

    public static string DownResidual(int i) => $"down_residual_{i}";

    /// <summary>Builds the graph; throws a <see cref="CheckpointException"/> listing every missing or misshapen weight.</summary>
    /// <remarks>taps: intermediate values to expose as outputs (e.g. "{layer}.key_after_mix").</remarks>
    public static GraphBuilder Build(UNetSpec spec, ITensorSource weights, TensorType computeType, IEnumerable<string>? taps = null)
    {
        var g = new GraphBuilder("unet", computeType);
        g.Taps.UnionWith(taps ?? []);
        var nn = new Nn(g, weights);
        var enc = spec.Encoder;

        var sample = g.ToCompute(g.Input(Sample, TensorType.Float, "batch", enc.InChannels, "height", "width"));
        var timestep = g.Input(Timestep, TensorType.Float, "batch");
        var context = g.ToCompute(g.Input(EncoderHiddenStates, TensorType.Float, "batch", "tokens", enc.CrossAttentionDim));
        var skipChannels = enc.SkipChannels;
        var residuals = skipChannels
            .Select((c, i) => g.ToCompute(g.Input(DownResidual(i), TensorType.Float, "batch", c, $"h{enc.SkipDownsampling[i]}", $"w{enc.SkipDownsampling[i]}")))
            .ToList();
        int lowest = enc.BlockOutChannels.Length - 1;
        var midResidual = g.ToCompute(g.Input(MidResidual, TensorType.Float, "batch", enc.BlockOutChannels[^1], $"h{lowest}", $"w{lowest}"));
        var mixer = new FrameMixing(g.ToCompute(g.Input(FrameMix, TensorType.Float, "batch", "batch")));

        var temb = UNetBlocks.Time(nn, enc, timestep);
        var h = nn.Conv2d("conv_in", sample, enc.InChannels, enc.BlockOutChannels[0]);
        (h, var skips) = UNetBlocks.Down(nn, enc, h, temb, context, mixer);
        // ControlNet conditioning: each residual is added to its skip connection, the last to the mid block.
        var stack = new Stack<Value>(skips.Select((s, i) => g.Add(s, residuals[i])));
        h = g.Add(UNetBlocks.Mid(nn, enc, h, temb, context, mixer), midResidual);
        h = Up(nn, spec, h, stack, temb, context, mixer);

        h = g.Silu(nn.GroupNorm("conv_norm_out", h, enc.BlockOutChannels[0], enc.Groups, enc.Eps));
        h = nn.Conv2d("conv_out", h, enc.BlockOutChannels[0], spec.OutChannels);
        g.Output(NoisePred, g.ToFloat32(h), TensorType.Float, "batch", spec.OutChannels, "height", "width");
        weights.ThrowIfProblems();
        return g;
    }

    // Up blocks consume the skips last-in first-out, concatenated on channels before each resnet.
    private static Value Up(Nn nn, UNetSpec spec, Value h, Stack<Value> skips, Value temb, Value context, IKeyValueMixer mixer)
    {
        var enc = spec.Encoder;
        var reversed = enc.BlockOutChannels.Reverse().ToArray();
        var heads = enc.Heads.Reverse().ToArray();
        int n = reversed.Length;
        int outChannels = reversed[0];
        for (int i = 0; i < n; i++)
        {
            int prevOutChannels = outChannels;
            outChannels = reversed[i];
            int inChannels = reversed[Math.Min(i + 1, n - 1)];
            bool attention = spec.UpBlockTypes[i] switch
            {
                "CrossAttnUpBlock2D" => true,
                "UpBlock2D" => false,
                var t => throw new GraphBuildException($"up block type '{t}' is not supported (SD1.5 uses UpBlock2D and CrossAttnUpBlock2D)"),
            };
            int layers = enc.LayersPerBlock + 1;
            for (int j = 0; j < layers; j++)
            {
                int skipChannels = j == layers - 1 ? inChannels : outChannels;
                int resnetIn = j == 0 ? prevOutChannels : outChannels;
                h = nn.G.Concat(1, h, skips.Pop());
                h = ResnetBlock2D.Build(nn, $"up_blocks.{i}.resnets.{j}", h, resnetIn + skipChannels, outChannels, enc.Groups, enc.Eps, temb, enc.TembDim);
                if (attention)
                    h = Transformer2D.Build(nn, $"up_blocks.{i}.attentions.{j}", h, outChannels, heads[i], enc.Groups, enc.TransformerLayers, context, enc.CrossAttentionDim, mixer);
            }
            if (i < n - 1)
                h = Sampling2D.Upsample(nn, $"up_blocks.{i}.upsamplers.0", h, outChannels);
        }
        return h;
    }
}

/// <summary>The U-Net's architecture: the encoder half it shares with the ControlNet, plus its decoder.</summary>
internal sealed record UNetSpec(UNetEncoderSpec Encoder, string[] UpBlockTypes, int OutChannels);
