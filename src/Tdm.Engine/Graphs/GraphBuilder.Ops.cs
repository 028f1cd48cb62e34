namespace Tdm.Engine.Graphs;

/// <summary>Typed shorthands for the ONNX operators the networks use (opset 21 semantics).</summary>
internal sealed partial class GraphBuilder
{
    public Value Add(Value a, Value b) => Op("Add", [a, b]);

    public Value Sub(Value a, Value b) => Op("Sub", [a, b]);

    public Value Mul(Value a, Value b) => Op("Mul", [a, b]);

    public Value Div(Value a, Value b) => Op("Div", [a, b]);

    public Value MatMul(Value a, Value b) => Op("MatMul", [a, b]);

    public Value Sigmoid(Value x) => Op("Sigmoid", [x]);

    /// <summary>SiLU (swish): x * sigmoid(x).</summary>
    public Value Silu(Value x) => Mul(x, Sigmoid(x));

    /// <summary>Exact GELU, 0.5 x (1 + erf(x / sqrt 2)); ONNX Runtime fuses this pattern into one kernel.</summary>
    public Value Gelu(Value x)
    {
        var erf = Op("Erf", [Div(x, Scalar(MathF.Sqrt(2f)))]);
        return Mul(Mul(x, Add(erf, Scalar(1f))), Scalar(0.5f));
    }

    /// <summary>CLIP's quick GELU: x * sigmoid(1.702 x).</summary>
    public Value QuickGelu(Value x) => Mul(x, Sigmoid(Mul(x, Scalar(1.702f))));

    public Value Softmax(Value x, int axis = -1) => Op("Softmax", [x], ("axis", axis));

    public Value Reshape(Value x, params long[] shape) => Op("Reshape", [x, Int64s(shape)]);

    public Value Reshape(Value x, Value shape) => Op("Reshape", [x, shape]);

    public Value Transpose(Value x, params long[] perm) => Op("Transpose", [x], ("perm", perm));

    public Value Concat(int axis, params Value[] xs) => Op("Concat", xs, ("axis", axis));

    /// <summary>Splits <paramref name="x"/> into equal halves along <paramref name="axis"/> (torch.chunk(2)).</summary>
    public (Value First, Value Second) Halves(Value x, int axis)
    {
        var parts = Op("Split", 2, [x], ("axis", axis), ("num_outputs", 2));
        return (parts[0], parts[1]);
    }

    public Value Unsqueeze(Value x, params long[] axes) => Op("Unsqueeze", [x, Int64s(axes)]);

    public Value Shape(Value x) => Op("Shape", [x]);

    /// <summary>x[starts:ends] along <paramref name="axes"/>, with dynamic bounds.</summary>
    public Value Slice(Value x, Value starts, Value ends, Value axes) => Op("Slice", [x, starts, ends, axes]);

    public Value Gather(Value data, Value indices, int axis = 0) => Op("Gather", [data, indices], ("axis", axis));

    public Value Cast(Value x, TensorType to) => Op("Cast", [x], ("to", to));

    /// <summary>Casts a float32 graph input to the compute type (no node when they agree).</summary>
    public Value ToCompute(Value x) => ComputeType == TensorType.Float ? x : Cast(x, ComputeType);

    /// <summary>Casts a compute-type value to float32 for a graph output (no node when they agree).</summary>
    public Value ToFloat32(Value x) => ComputeType == TensorType.Float ? x : Cast(x, TensorType.Float);

    public Value Sin(Value x) => Op("Sin", [x]);

    public Value Cos(Value x) => Op("Cos", [x]);

    /// <summary>2-D convolution, NCHW; pads are [top, left, bottom, right].</summary>
    public Value Conv(Value x, Value weight, Value? bias, int kernel, int stride, long[] pads) =>
        Op("Conv", bias is { } b ? [x, weight, b] : [x, weight],
            ("kernel_shape", new long[] { kernel, kernel }),
            ("strides", new long[] { stride, stride }),
            ("pads", pads));

    /// <summary>Nearest-neighbour upsampling by 2 exactly as torch's F.interpolate(scale_factor=2, mode="nearest").</summary>
    public Value UpsampleNearest2x(Value x) =>
        Op("Resize", [x, new Value(""), ConstantFloat32([1f, 1f, 2f, 2f], 4)],
            ("mode", "nearest"),
            ("coordinate_transformation_mode", "asymmetric"),
            ("nearest_mode", "floor"));
}
