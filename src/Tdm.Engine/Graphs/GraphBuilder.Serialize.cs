namespace Tdm.Engine.Graphs;

/// <summary>Where a weight's bytes live for ONNX Runtime: a file name relative to the weights folder, and a range.</summary>
internal readonly record struct ExternalLocation(string Location, long Offset, long Length);

internal sealed partial class GraphBuilder
{
    // Field numbers of onnx.proto; the message and field names are ONNX's.
    private static class ModelProto { public const int IrVersion = 1, ProducerName = 2, ProducerVersion = 3, Graph = 7, OpsetImport = 8, MetadataProps = 14; }
    private static class OperatorSetIdProto { public const int Domain = 1, Version = 2; }
    private static class GraphProto { public const int Node = 1, Name = 2, Initializer = 5, Input = 11, Output = 12; }
    private static class NodeProto { public const int Input = 1, Output = 2, Name = 3, OpType = 4, Attribute = 5, Domain = 7; }
    private static class AttributeProto { public const int Name = 1, F = 2, I = 3, S = 4, T = 5, Floats = 7, Ints = 8, Type = 20; }
    private static class AttributeType { public const int Float = 1, Int = 2, String = 3, Tensor = 4, Floats = 6, Ints = 7; }
    private static class TensorProto { public const int Dims = 1, DataType = 2, Name = 8, RawData = 9, ExternalData = 13, DataLocation = 14; }
    private static class StringStringEntryProto { public const int Key = 1, Value = 2; }
    private static class ValueInfoProto { public const int Name = 1, Type = 2; }
    private static class TypeProto { public const int TensorType = 1; }
    private static class TensorTypeProto { public const int ElemType = 1, Shape = 2; }
    private static class TensorShapeProto { public const int Dim = 1; }
    private static class DimensionProto { public const int Value = 1, Param = 2; }

    /// <summary>
    /// Serializes the ModelProto. <paramref name="locate"/> says where each weight's bytes are, already in
    /// <see cref="ComputeType"/>; <paramref name="metadata"/> lands in metadata_props.
    /// </summary>
    public byte[] Build(Func<GraphWeight, ExternalLocation> locate, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var missing = _weights.Where(w => w.Tensor == null).Select(w => w.Key).ToList();
        if (missing.Count > 0)
            throw new GraphBuildException($"graph {Name}: {missing.Count} weight(s) unavailable ({string.Join(", ", missing.Take(5))}); call ITensorSource.ThrowIfProblems first");

        var w = new ProtoWriter();
        w.Int64(ModelProto.IrVersion, IrVersion);
        w.String(ModelProto.ProducerName, "tdm");
        w.String(ModelProto.ProducerVersion, "1");
        w.Message(ModelProto.OpsetImport, o => { o.String(OperatorSetIdProto.Domain, ""); o.Int64(OperatorSetIdProto.Version, Opset); });
        w.Message(ModelProto.OpsetImport, o => { o.String(OperatorSetIdProto.Domain, MicrosoftDomain); o.Int64(OperatorSetIdProto.Version, MicrosoftOpset); });
        w.Message(ModelProto.Graph, g => WriteGraph(g, locate));
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            w.Message(ModelProto.MetadataProps, e => { e.String(StringStringEntryProto.Key, key); e.String(StringStringEntryProto.Value, value); });
        return w.ToArray();
    }

    private void WriteGraph(ProtoWriter g, Func<GraphWeight, ExternalLocation> locate)
    {
        int i = 0;
        foreach (var node in _nodes)
            g.Message(GraphProto.Node, n => WriteNode(n, node, i++));
        g.String(GraphProto.Name, Name);
        foreach (var c in _constants)
            g.Message(GraphProto.Initializer, t =>
            {
                WriteTensorHeader(t, c.Name, c.Type, c.Dims);
                t.Bytes(TensorProto.RawData, c.Raw);
            });
        foreach (var weight in _weights)
        {
            var where = locate(weight);
            g.Message(GraphProto.Initializer, t =>
            {
                WriteTensorHeader(t, weight.Key, ComputeType, weight.Shape);
                t.Message(TensorProto.ExternalData, e => { e.String(StringStringEntryProto.Key, "location"); e.String(StringStringEntryProto.Value, where.Location); });
                t.Message(TensorProto.ExternalData, e => { e.String(StringStringEntryProto.Key, "offset"); e.String(StringStringEntryProto.Value, where.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)); });
                t.Message(TensorProto.ExternalData, e => { e.String(StringStringEntryProto.Key, "length"); e.String(StringStringEntryProto.Value, where.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)); });
                t.Int64(TensorProto.DataLocation, 1); // EXTERNAL
            });
        }
        foreach (var input in _inputs)
            g.Message(GraphProto.Input, v => WriteValueInfo(v, input));
        foreach (var output in _outputs)
            g.Message(GraphProto.Output, v => WriteValueInfo(v, output));
    }

    private static void WriteNode(ProtoWriter n, NodeSpec node, int index)
    {
        foreach (var input in node.Inputs)
            n.String(NodeProto.Input, input);
        foreach (var output in node.Outputs)
            n.String(NodeProto.Output, output);
        n.String(NodeProto.Name, $"{node.OpType}_{index}");
        n.String(NodeProto.OpType, node.OpType);
        foreach (var (name, value) in node.Attributes)
            n.Message(NodeProto.Attribute, a => WriteAttribute(a, name, value));
        if (node.Domain.Length > 0)
            n.String(NodeProto.Domain, node.Domain);
    }

    private static void WriteAttribute(ProtoWriter a, string name, object value)
    {
        a.String(AttributeProto.Name, name);
        switch (value)
        {
            case int i:
                a.Int64(AttributeProto.I, i);
                a.Int64(AttributeProto.Type, AttributeType.Int);
                break;
            case long l:
                a.Int64(AttributeProto.I, l);
                a.Int64(AttributeProto.Type, AttributeType.Int);
                break;
            case float f:
                a.Float(AttributeProto.F, f);
                a.Int64(AttributeProto.Type, AttributeType.Float);
                break;
            case string s:
                a.String(AttributeProto.S, s);
                a.Int64(AttributeProto.Type, AttributeType.String);
                break;
            case long[] ls:
                a.PackedInt64(AttributeProto.Ints, ls);
                a.Int64(AttributeProto.Type, AttributeType.Ints);
                break;
            case int[] ints:
                a.PackedInt64(AttributeProto.Ints, ints.Select(x => (long)x));
                a.Int64(AttributeProto.Type, AttributeType.Ints);
                break;
            case float[] fs:
                a.PackedFloat(AttributeProto.Floats, fs);
                a.Int64(AttributeProto.Type, AttributeType.Floats);
                break;
            case TensorType t:
                a.Int64(AttributeProto.I, (long)t); // Cast's "to" and similar enum attributes are ints
                a.Int64(AttributeProto.Type, AttributeType.Int);
                break;
            default:
                throw new GraphBuildException($"attribute {name}: unsupported value type {value.GetType().Name}");
        }
    }

    private static void WriteTensorHeader(ProtoWriter t, string name, TensorType type, long[] dims)
    {
        if (dims.Length > 0)
            t.PackedInt64(TensorProto.Dims, dims);
        t.Int64(TensorProto.DataType, (long)type);
        t.String(TensorProto.Name, name);
    }

    private static void WriteValueInfo(ProtoWriter v, ValueSpec spec)
    {
        v.String(ValueInfoProto.Name, spec.Name);
        v.Message(ValueInfoProto.Type, type => type.Message(TypeProto.TensorType, tt =>
        {
            tt.Int64(TensorTypeProto.ElemType, (long)spec.Type);
            if (spec.Dims is null)
                return; // no shape: any rank
            tt.Message(TensorTypeProto.Shape, s =>
            {
                foreach (var d in spec.Dims)
                    s.Message(TensorShapeProto.Dim, dim =>
                    {
                        if (d.Symbol != null)
                            dim.String(DimensionProto.Param, d.Symbol);
                        else
                            dim.Int64(DimensionProto.Value, d.Size);
                    });
            });
        }));
    }
}
