using Tdm.Engine.Checkpoints;

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

    /// <summary>
    /// Every tensor the graph of <paramref name="component"/> ("unet", "controlnet", "vae", "text_encoder") reads for
    /// <paramref name="config"/>, with its shape: the one list of what a checkpoint must hold.
    /// </summary>
    public static IReadOnlyList<(string Key, long[] Shape)> ExpectedTensors(string component, IModelConfig config)
    {
        var recorder = new TensorRecorder();
        switch (config)
        {
            case UNetConfig c:
                UNetGraph.Build(UNet(c), recorder, TensorType.Float);
                break;
            case ControlNetConfig c:
                ControlNetGraph.Build(ControlNet(c), recorder, TensorType.Float);
                break;
            case VaeConfig c:
                VaeGraph.BuildEncoder(Vae(c), recorder, TensorType.Float);
                VaeGraph.BuildDecoder(Vae(c), recorder, TensorType.Float);
                break;
            case ClipTextConfig c:
                ClipTextGraph.Build(ClipText(c), recorder, TensorType.Float);
                break;
            default:
                throw new ArgumentException($"{component}: no network has a {config.GetType().Name}", nameof(config));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return recorder.Tensors.Where(t => seen.Add(t.Key)).ToList();
    }

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
