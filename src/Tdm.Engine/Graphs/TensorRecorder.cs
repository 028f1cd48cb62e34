using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Graphs;

/// <summary>Lists the tensors a network's graph reads, in order, without a checkpoint: building a graph against it
/// yields every key with its shape.</summary>
internal sealed class TensorRecorder : ITensorSource
{
    private readonly List<(string Key, long[] Shape)> _tensors = [];

    public IReadOnlyList<(string Key, long[] Shape)> Tensors => _tensors;

    public SafetensorsFile? File => null;

    public SafetensorsTensor? Get(string key, params long[] expectedShape)
    {
        _tensors.Add((key, expectedShape));
        return null;
    }

    public void ThrowIfProblems(string? hint = null) { }
}
