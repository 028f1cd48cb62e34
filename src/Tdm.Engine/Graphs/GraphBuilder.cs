using System.Runtime.InteropServices;
using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Graphs;

/// <summary>
/// Builds one ONNX graph: inputs, nodes, constants and weights, then serializes a ModelProto. Weights are never
/// copied into the protobuf: each becomes an initializer with external data whose location the caller decides at
/// <see cref="Build"/> (the checkpoint itself, or a converted copy), so a 3.4 GB U-Net is no problem.
/// </summary>
internal sealed partial class GraphBuilder
{
    /// <summary>ONNX IR version 10 (ONNX 1.16) with opset 21: ONNX Runtime 1.31 runs both.</summary>
    private const long IrVersion = 10;
    private const long Opset = 21;
    private const long MicrosoftOpset = 1;
    private const string MicrosoftDomain = "com.microsoft";

    private readonly List<NodeSpec> _nodes = [];
    private readonly List<ValueSpec> _inputs = [];
    private readonly List<ValueSpec> _outputs = [];
    private readonly List<ConstantSpec> _constants = [];
    private readonly List<GraphWeight> _weights = [];
    private readonly Dictionary<string, Value> _constantCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Value> _weightCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);

    /// <param name="name">The graph's name ("unet", "vae_decoder", ...).</param>
    /// <param name="computeType">Float or Float16: the type of weights and activations inside the graph.</param>
    public GraphBuilder(string name, TensorType computeType)
    {
        if (computeType is not (TensorType.Float or TensorType.Float16))
            throw new ArgumentOutOfRangeException(nameof(computeType), computeType, "graphs compute in float or float16");
        Name = name;
        ComputeType = computeType;
    }

    public string Name { get; }

    /// <summary>The floating-point type of weights and activations.</summary>
    public TensorType ComputeType { get; }

    /// <summary>Names of intermediate values to expose as extra float32 outputs (debugging, tests).</summary>
    public ISet<string> Taps { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Exposes <paramref name="value"/> as an output named <paramref name="name"/> when that tap was asked for.</summary>
    public void Tap(string name, Value value)
    {
        if (Taps.Contains(name))
            OutputOfAnyShape(name, ToFloat32(value), TensorType.Float);
    }

    /// <summary>The weights the graph reads, in the order first used.</summary>
    public IReadOnlyList<GraphWeight> Weights => _weights;

    /// <summary>Declares a graph input.</summary>
    public Value Input(string name, TensorType type, params Dim[] dims)
    {
        Reserve(name);
        _inputs.Add(new ValueSpec(name, type, dims));
        return new Value(name);
    }

    /// <summary>Declares a graph input of any rank and shape (no shape in its type).</summary>
    public Value InputOfAnyShape(string name, TensorType type)
    {
        Reserve(name);
        _inputs.Add(new ValueSpec(name, type, null));
        return new Value(name);
    }

    /// <summary>Declares <paramref name="value"/> as the graph output of any rank and shape.</summary>
    public void OutputOfAnyShape(string name, Value value, TensorType type)
    {
        Reserve(name);
        _nodes.Add(new NodeSpec("Identity", "", [value.Name], [name], []));
        _outputs.Add(new ValueSpec(name, type, null));
    }

    /// <summary>Declares <paramref name="value"/> as the graph output <paramref name="name"/>.</summary>
    public void Output(string name, Value value, TensorType type, params Dim[] dims)
    {
        Reserve(name);
        _nodes.Add(new NodeSpec("Identity", "", [value.Name], [name], []));
        _outputs.Add(new ValueSpec(name, type, dims));
    }

    /// <summary>
    /// A weight of the checkpoint by its diffusers key, checked against <paramref name="shape"/> (problems are
    /// collected by <paramref name="weights"/>; the graph gets a placeholder so building continues and one error
    /// lists everything). The initializer is named by the key, so a graph reads like the checkpoint.
    /// </summary>
    public Value Weight(ITensorSource weights, string key, params long[] shape)
    {
        if (_weightCache.TryGetValue(key, out var cached))
            return cached;
        var tensor = weights.Get(key, shape);
        Reserve(key);
        _weights.Add(new GraphWeight(key, shape, weights.File, tensor));
        var value = new Value(key);
        _weightCache[key] = value;
        return value;
    }

    /// <summary>A constant in the compute type (float or float16).</summary>
    public Value Constant(float[] values, params long[] dims)
    {
        if (ComputeType == TensorType.Float16)
        {
            var halves = new Half[values.Length];
            for (int i = 0; i < values.Length; i++)
                halves[i] = (Half)values[i];
            return AddConstant(TensorType.Float16, dims, MemoryMarshal.AsBytes(halves.AsSpan()).ToArray());
        }
        return ConstantFloat32(values, dims);
    }

    /// <summary>A float32 constant regardless of the compute type (for work kept in full precision).</summary>
    public Value ConstantFloat32(float[] values, params long[] dims) =>
        AddConstant(TensorType.Float, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>A scalar constant in the compute type.</summary>
    public Value Scalar(float value) => Constant([value]);

    /// <summary>An int64 constant (shapes, axes, indices).</summary>
    public Value Int64s(params long[] values) =>
        AddConstant(TensorType.Int64, [values.Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>Adds a node of the default ONNX domain with one output.</summary>
    public Value Op(string opType, Value[] inputs, params (string Name, object Value)[] attributes) =>
        AddNode(opType, "", inputs, 1, attributes)[0];

    /// <summary>Adds a node of the com.microsoft domain (ONNX Runtime's contrib ops) with one output.</summary>
    public Value MicrosoftOp(string opType, Value[] inputs, params (string Name, object Value)[] attributes) =>
        AddNode(opType, MicrosoftDomain, inputs, 1, attributes)[0];

    /// <summary>Adds a node with several outputs.</summary>
    public Value[] Op(string opType, int outputs, Value[] inputs, params (string Name, object Value)[] attributes) =>
        AddNode(opType, "", inputs, outputs, attributes);

    private Value[] AddNode(string opType, string domain, Value[] inputs, int outputCount, (string, object)[] attributes)
    {
        var outputs = new string[outputCount];
        for (int i = 0; i < outputCount; i++)
            outputs[i] = Fresh(opType);
        _nodes.Add(new NodeSpec(opType, domain, inputs.Select(v => v.Name).ToArray(), outputs, attributes));
        return outputs.Select(o => new Value(o)).ToArray();
    }

    private Value AddConstant(TensorType type, long[] dims, byte[] raw)
    {
        string cacheKey = $"{(int)type}:{string.Join(",", dims)}:{Convert.ToBase64String(raw)}";
        if (raw.Length <= 64 && _constantCache.TryGetValue(cacheKey, out var cached))
            return cached;
        string name = Fresh("const");
        _constants.Add(new ConstantSpec(name, type, dims, raw));
        var value = new Value(name);
        if (raw.Length <= 64)
            _constantCache[cacheKey] = value;
        return value;
    }

    private string Fresh(string stem)
    {
        _names.TryGetValue(stem, out int n);
        _names[stem] = n + 1;
        return $"{stem}_{n}";
    }

    private void Reserve(string name)
    {
        if (_names.ContainsKey(name))
            throw new GraphBuildException($"graph {Name}: the name '{name}' is used twice");
        _names[name] = 0;
    }

    private sealed record NodeSpec(string OpType, string Domain, string[] Inputs, string[] Outputs, (string Name, object Value)[] Attributes);

    private sealed record ValueSpec(string Name, TensorType Type, Dim[]? Dims);

    private sealed record ConstantSpec(string Name, TensorType Type, long[] Dims, byte[] Raw);
}

/// <summary>A weight a graph reads: its initializer name (the diffusers key), the shape the graph uses, and where
/// the checkpoint stores it (null when the checkpoint lacks it or has it misshapen: the build then fails).</summary>
internal sealed record GraphWeight(string Key, long[] Shape, SafetensorsFile? File, SafetensorsTensor? Tensor)
{
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);
}
