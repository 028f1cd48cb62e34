namespace Tdm.Engine.Graphs;

/// <summary>
/// Cutting a graph into consecutive segments (the tiled VAE runs each one over the whole frame before the next, so
/// every GroupNorm sees the frame's statistics). Values that cross a cut become float32 outputs of the segment that
/// makes them and inputs of every segment that reads them, named <see cref="CroppedPrefix"/> + name, or
/// <see cref="WholePrefix"/> + name for the values a cut asks to be fed whole (attention's keys and values). Values
/// that cross a cut are activations, [N, C, H, W].
/// </summary>
internal sealed partial class GraphBuilder
{
    /// <summary>Name prefixes of values crossing a cut: fed as a tile's window, or fed for the whole frame.</summary>
    public const string CroppedPrefix = "cut.", WholePrefix = "whole.";

    private readonly List<(int Node, HashSet<string> Whole)> _cuts = [];

    /// <summary>Ends the current segment: the next node starts a new one, which reads <paramref name="whole"/> for
    /// the whole frame and every other crossing value for its window.</summary>
    public void Cut(params Value[] whole) => _cuts.Add((_nodes.Count, whole.Select(v => v.Name).ToHashSet(StringComparer.Ordinal)));

    /// <summary>The graph's segments, in order (one when it has no cut).</summary>
    public IReadOnlyList<GraphBuilder> Split()
    {
        int[] starts = [0, .. _cuts.Select(c => c.Node), _nodes.Count];
        int segments = starts.Length - 1;
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastReader = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < segments; s++)
            for (int n = starts[s]; n < starts[s + 1]; n++)
            {
                foreach (var input in _nodes[n].Inputs)
                    lastReader[input] = s;
                foreach (var output in _nodes[n].Outputs)
                    producer[output] = s;
            }
        var outputs = _outputs.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var inputs = _inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var constants = _constants.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var weights = _weights.ToDictionary(w => w.Key, StringComparer.Ordinal);

        var parts = new List<GraphBuilder>(segments);
        for (int s = 0; s < segments; s++)
        {
            var part = new GraphBuilder($"{Name}.{s}", ComputeType);
            var whole = s == 0 ? [] : _cuts[s - 1].Whole;
            var declared = new HashSet<string>(StringComparer.Ordinal);
            var nodes = _nodes.Skip(starts[s]).Take(starts[s + 1] - starts[s]).ToList();
            foreach (var name in nodes.SelectMany(n => n.Inputs).Where(i => i.Length > 0 && declared.Add(i)))
            {
                if (producer.TryGetValue(name, out int from) && from < s)
                {
                    string crossing = (whole.Contains(name) ? WholePrefix : CroppedPrefix) + name;
                    part._inputs.Add(new ValueSpec(crossing, TensorType.Float, [.. "nchw".Select(d => (Dim)$"{crossing}.{d}")]));
                    part._nodes.Add(Convert(crossing, name, ComputeType));
                }
                else if (inputs.TryGetValue(name, out var input))
                    part._inputs.Add(input);
                else if (constants.TryGetValue(name, out var constant))
                    part._constants.Add(constant);
                else if (weights.TryGetValue(name, out var weight))
                    part._weights.Add(weight);
            }
            part._nodes.AddRange(nodes);
            foreach (var name in nodes.SelectMany(n => n.Outputs))
            {
                if (outputs.TryGetValue(name, out var output))
                    part._outputs.Add(output);
                else if (lastReader.TryGetValue(name, out int reader) && reader > s)
                {
                    part._nodes.Add(Convert(name, CroppedPrefix + name, TensorType.Float));
                    part._outputs.Add(new ValueSpec(CroppedPrefix + name, TensorType.Float, null));
                }
            }
            parts.Add(part);
        }
        return parts;

        NodeSpec Convert(string from, string to, TensorType type) => ComputeType == TensorType.Float
            ? new NodeSpec("Identity", "", [from], [to], [])
            : new NodeSpec("Cast", "", [from], [to], [("to", type)]);
    }
}
