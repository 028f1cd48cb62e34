using Tdm.Engine.Graphs.Layers;

namespace Tdm.Engine.Graphs;

/// <summary>
/// What the U-Net and the ControlNet share: time embedding, conv_in, the down blocks and the mid block
/// (the ControlNet is a trainable copy of the U-Net's encoder, under the same keys).
/// </summary>
internal sealed record UNetEncoderSpec(
    int InChannels,
    int[] BlockOutChannels,
    string[] DownBlockTypes,
    int LayersPerBlock,
    int[] Heads,
    int TransformerLayers,
    int Groups,
    float Eps,
    int CrossAttentionDim,
    bool FlipSinToCos,
    float FreqShift)
{
    public int TembDim => BlockOutChannels[0] * 4;

    /// <summary>Channels of each skip connection the down path produces, in order (conv_in first).</summary>
    public IReadOnlyList<int> SkipChannels
    {
        get
        {
            var skips = new List<int> { BlockOutChannels[0] };
            for (int i = 0; i < BlockOutChannels.Length; i++)
            {
                skips.AddRange(Enumerable.Repeat(BlockOutChannels[i], LayersPerBlock));
                if (i < BlockOutChannels.Length - 1)
                    skips.Add(BlockOutChannels[i]);
            }
            return skips;
        }
    }

    /// <summary>How many times each skip is downsampled relative to the latent (for shapes and tests).</summary>
    public IReadOnlyList<int> SkipDownsampling
    {
        get
        {
            var factors = new List<int> { 0 };
            for (int i = 0; i < BlockOutChannels.Length; i++)
            {
                factors.AddRange(Enumerable.Repeat(i, LayersPerBlock));
                if (i < BlockOutChannels.Length - 1)
                    factors.Add(i + 1);
            }
            return factors;
        }
    }
}

internal static class UNetBlocks
{
    /// <summary>The time embedding of "timestep" ([B] float32) -> [B, tembDim].</summary>
    public static Value Time(Nn nn, UNetEncoderSpec spec, Value timestep) =>
        TimestepEmbedding.Build(nn, "time_embedding", timestep, spec.BlockOutChannels[0], spec.TembDim, spec.FlipSinToCos, spec.FreqShift);

    /// <summary>
    /// The down blocks from the output of conv_in (h: [B, C0, H, W]); returns the last hidden state and every skip
    /// connection ([conv_in, then per block its layers and downsampler], 12 for SD1.5).
    /// </summary>
    public static (Value Hidden, List<Value> Skips) Down(Nn nn, UNetEncoderSpec spec, Value h, Value temb, Value context, IKeyValueMixer mixer)
    {
        var skips = new List<Value> { h };
        int outChannels = spec.BlockOutChannels[0];
        for (int i = 0; i < spec.BlockOutChannels.Length; i++)
        {
            int inChannels = outChannels;
            outChannels = spec.BlockOutChannels[i];
            bool attention = spec.DownBlockTypes[i] switch
            {
                "CrossAttnDownBlock2D" => true,
                "DownBlock2D" => false,
                var t => throw new GraphBuildException($"down block type '{t}' is not supported (SD1.5 uses CrossAttnDownBlock2D and DownBlock2D)"),
            };
            for (int j = 0; j < spec.LayersPerBlock; j++)
            {
                string key = $"down_blocks.{i}";
                h = ResnetBlock2D.Build(nn, $"{key}.resnets.{j}", h, j == 0 ? inChannels : outChannels, outChannels, spec.Groups, spec.Eps, temb, spec.TembDim);
                if (attention)
                    h = Transformer2D.Build(nn, $"{key}.attentions.{j}", h, outChannels, spec.Heads[i], spec.Groups, spec.TransformerLayers, context, spec.CrossAttentionDim, mixer);
                skips.Add(h);
            }
            if (i < spec.BlockOutChannels.Length - 1)
            {
                h = Sampling2D.Downsample(nn, $"down_blocks.{i}.downsamplers.0", h, outChannels, asymmetricPadding: false);
                skips.Add(h);
            }
        }
        return (h, skips);
    }

    /// <summary>UNetMidBlock2DCrossAttn: resnet, transformer, resnet at the lowest resolution.</summary>
    public static Value Mid(Nn nn, UNetEncoderSpec spec, Value h, Value temb, Value context, IKeyValueMixer mixer)
    {
        int channels = spec.BlockOutChannels[^1];
        h = ResnetBlock2D.Build(nn, "mid_block.resnets.0", h, channels, channels, spec.Groups, spec.Eps, temb, spec.TembDim);
        h = Transformer2D.Build(nn, "mid_block.attentions.0", h, channels, spec.Heads[^1], spec.Groups, spec.TransformerLayers, context, spec.CrossAttentionDim, mixer);
        return ResnetBlock2D.Build(nn, "mid_block.resnets.1", h, channels, channels, spec.Groups, spec.Eps, temb, spec.TembDim);
    }
}
