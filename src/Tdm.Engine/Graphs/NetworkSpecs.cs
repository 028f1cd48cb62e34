using Tdm.Engine.Configs;

namespace Tdm.Engine.Graphs;

/// <summary>Reads each network's architecture spec from its configuration record, refusing what the graphs do not
/// implement (the configuration records already refuse what no SD1.x model has).</summary>
internal static class NetworkSpecs
{
    public static UNetSpec UNet(UNetConfig c) =>
        new(Encoder(c, "unet"), [.. c.UpBlockTypes], c.OutChannels);

    public static ControlNetSpec ControlNet(ControlNetConfig c) =>
        new(Encoder(c, "controlnet"), c.ConditioningChannels, [.. c.ConditioningEmbeddingOutChannels]);

    public static VaeSpec Vae(VaeConfig c) =>
        new(c.InChannels, c.OutChannels, c.LatentChannels, [.. c.BlockOutChannels], c.LayersPerBlock, c.NormNumGroups,
            (float)c.ScalingFactor, c.UseQuantConv, c.UsePostQuantConv, c.MidBlockAddAttention);

    public static ClipTextSpec ClipText(ClipTextConfig c) => new(c.VocabSize, c.HiddenSize, c.IntermediateSize, c.NumHiddenLayers,
        c.NumAttentionHeads, c.MaxPositionEmbeddings, (float)c.LayerNormEps, c.HiddenAct switch
        {
            "quick_gelu" => true,
            "gelu" => false,
            var a => throw new GraphBuildException($"text encoder hidden_act '{a}' is not supported (quick_gelu or gelu)"),
        });

    private static UNetEncoderSpec Encoder(UNetEncoderConfig c, string network)
    {
        if (c.UseLinearProjection)
            throw new GraphBuildException($"{network}: use_linear_projection (an SD 2.x layout) is not supported");
        var layers = c.TransformerLayersPerBlock.Distinct().ToList();
        if (layers.Count != 1)
            throw new GraphBuildException($"{network}: transformer_layers_per_block must be the same for every block, got [{string.Join(",", c.TransformerLayersPerBlock)}]");
        return new UNetEncoderSpec(c.InChannels, [.. c.BlockOutChannels], [.. c.DownBlockTypes], c.LayersPerBlock,
            [.. c.AttentionHeads], layers[0], c.NormNumGroups, (float)c.NormEps, c.CrossAttentionDim, c.FlipSinToCos, c.FreqShift);
    }
}
