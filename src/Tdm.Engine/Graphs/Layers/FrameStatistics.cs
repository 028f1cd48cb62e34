namespace Tdm.Engine.Graphs.Layers;

/// <summary>
/// GroupNorm with the whole frame's statistics while the network runs on a window of it: what keeps a tiled VAE from
/// shifting colour from tile to tile. At GroupNorm k the graph reports its input's sums over the window's own rows,
/// is cut there (<see cref="GraphBuilder.Cut"/>), and the next segment normalises with statistics given as an input,
/// which the caller finds by adding the sums up over every window of the frame (<see cref="Diffusion.TiledVae"/>).
/// <code>
/// tile_weight          [1, 1, h, w] at the graph input's resolution: 1 on the pixels the window owns, 0 on its margin
/// norm_sums.k          [3, G]  per group of GroupNorm k's input: sum of w x, sum of w x^2, sum of w (over the group's channels)
/// norm_statistics.k    [2, G]  the frame's mean and variance of each group
/// </code>
/// The weight is resized (nearest) to each GroupNorm's resolution; sums and statistics are float32 whatever the
/// compute type.
/// </summary>
internal sealed class FrameStatistics(GraphBuilder g, int groups)
{
    public const string Statistics = "norm_statistics.", TileWeight = "tile_weight", Sums = "norm_sums.";

    private int _count;

    /// <summary>GroupNorm's normalisation (before the affine) of <paramref name="x"/> [1, C, H, W].</summary>
    public Value Normalise(Value x, float eps)
    {
        int k = _count++;
        if (k == 0)
            g.Input(TileWeight, TensorType.Float, 1, 1, "weight_height", "weight_width");
        var xf = g.ToFloat32(x);
        var size = g.Concat(0, g.Int64s(1, 1), g.Slice(g.Shape(x), g.Int64s(2), g.Int64s(4), g.Int64s(0)));
        var weight = g.Op("Resize", [new Value(TileWeight), new Value(""), new Value(""), size],
            ("mode", "nearest"), ("coordinate_transformation_mode", "asymmetric"), ("nearest_mode", "floor"));
        var weighted = g.Reshape(g.Mul(xf, weight), 0, groups, -1);
        var squares = g.Reshape(g.Mul(g.Mul(xf, xf), weight), 0, groups, -1);
        var channelsPerGroup = g.Cast(g.Div(g.Gather(g.Shape(x), g.Int64s(1)), g.Int64s(groups)), TensorType.Float);
        var total = g.Mul(g.Op("ReduceSum", [weight], ("keepdims", 0)), channelsPerGroup);
        var sums = g.Concat(0,
            g.Op("ReduceSum", [weighted, g.Int64s(2)], ("keepdims", 0)),
            g.Op("ReduceSum", [squares, g.Int64s(2)], ("keepdims", 0)),
            g.Op("Expand", [g.Unsqueeze(total, 0), g.Int64s(1, groups)]));
        g.Output(Sums + k, sums, TensorType.Float, 3, groups);

        g.Cut();
        var given = g.Input(Statistics + k, TensorType.Float, 2, groups);
        var mean = g.Reshape(g.Slice(given, g.Int64s(0), g.Int64s(1), g.Int64s(0)), 1, groups, 1);
        var variance = g.Reshape(g.Slice(given, g.Int64s(1), g.Int64s(2), g.Int64s(0)), 1, groups, 1);
        var grouped = g.Reshape(g.ToFloat32(x), 0, groups, -1);
        var normalised = g.Div(g.Sub(grouped, mean), g.Op("Sqrt", [g.Add(variance, g.ConstantFloat32([eps], 1))]));
        return g.ToCompute(g.Reshape(normalised, g.Shape(x)));
    }
}
