using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Graphs.Layers;

/// <summary>
/// The basic layers of the networks, emitted into one graph from one checkpoint. Each takes the checkpoint key of
/// its module ("down_blocks.0.resnets.0.conv1") and appends the parameter names PyTorch gives them ("weight",
/// "bias"), so every initializer in the graph is named exactly like the tensor in the file.
/// </summary>
internal sealed class Nn(GraphBuilder graph, ITensorSource weights)
{
    public GraphBuilder G { get; } = graph;

    public ITensorSource Weights { get; } = weights;

    /// <summary>When set, every GroupNorm normalises with the whole frame's statistics (a tile of a tiled VAE).</summary>
    public FrameStatistics? Statistics { get; init; }

    public Value Param(string key, params long[] shape) => G.Weight(Weights, key, shape);

    /// <summary>nn.Conv2d; x: [N, inCh, H, W] -> [N, outCh, H', W']. Padding defaults to "same" (kernel / 2).</summary>
    public Value Conv2d(string key, Value x, int inChannels, int outChannels, int kernel = 3, int stride = 1, long[]? pads = null)
    {
        long p = kernel / 2;
        return G.Conv(x,
            Param($"{key}.weight", outChannels, inChannels, kernel, kernel),
            Param($"{key}.bias", outChannels),
            kernel, stride, pads ?? [p, p, p, p]);
    }

    /// <summary>nn.Linear on the last axis; x: [..., inFeatures] -> [..., outFeatures]. The stored weight is
    /// [out, in]: ONNX Runtime's FusedMatMul with transB reads it as it is (a Transpose would be folded into a
    /// transposed copy of every weight at each load).</summary>
    public Value Linear(string key, Value x, int inFeatures, int outFeatures, bool bias = true)
    {
        var y = G.MicrosoftOp("FusedMatMul", [x, Param($"{key}.weight", outFeatures, inFeatures)], ("transB", 1), ("alpha", 1f));
        return bias ? G.Add(y, Param($"{key}.bias", outFeatures)) : y;
    }

    /// <summary>
    /// nn.GroupNorm on NCHW: statistics per (sample, group) over the group's channels and all pixels, then a
    /// per-channel affine. Emitted as Reshape -> InstanceNormalization -> Reshape, which every execution provider
    /// runs; x: [N, C, H, W] -> same.
    /// </summary>
    public Value GroupNorm(string key, Value x, int channels, int groups, float eps)
    {
        if (channels % groups != 0)
            throw new GraphBuildException($"{key}: {channels} channels cannot be split into {groups} groups");
        Value restored;
        if (Statistics is { } frame)
            restored = frame.Normalise(x, eps);
        else
        {
            var grouped = G.Reshape(x, 0, groups, -1);
            var ones = G.Constant(Enumerable.Repeat(1f, groups).ToArray(), groups);
            var zeros = G.Constant(new float[groups], groups);
            var normalized = G.Op("InstanceNormalization", [grouped, ones, zeros], ("epsilon", eps));
            restored = G.Reshape(normalized, G.Shape(x));
        }
        var gamma = G.Reshape(Param($"{key}.weight", channels), channels, 1, 1);
        var beta = G.Reshape(Param($"{key}.bias", channels), channels, 1, 1);
        return G.Add(G.Mul(restored, gamma), beta);
    }

    /// <summary>nn.LayerNorm over the last axis; x: [..., dim] -> same.</summary>
    public Value LayerNorm(string key, Value x, int dim, float eps) =>
        G.Op("LayerNormalization", [x, Param($"{key}.weight", dim), Param($"{key}.bias", dim)],
            ("axis", -1), ("epsilon", eps));

    /// <summary>[N, C, H, W] -> [N, H*W, C]: pixels become tokens.</summary>
    public Value ToTokens(Value x, int channels) => G.Reshape(G.Transpose(x, 0, 2, 3, 1), 0, -1, channels);

    /// <summary>[N, H*W, C] -> [N, C, H, W] with the spatial size of <paramref name="like"/>.</summary>
    public Value FromTokens(Value tokens, Value like) => G.Reshape(G.Transpose(tokens, 0, 2, 1), G.Shape(like));
}
