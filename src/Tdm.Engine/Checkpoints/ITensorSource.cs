namespace Tdm.Engine.Checkpoints;

/// <summary>Tensors by the names the graph code uses (diffusers keys), checked against the shapes it expects. A
/// checkpoint (<see cref="ComponentWeights"/>) is one; a recorder that lists what a network needs is another.</summary>
internal interface ITensorSource
{
    /// <summary>The file holding the tensors; null for a source without one.</summary>
    SafetensorsFile? File { get; }

    /// <summary>The tensor for <paramref name="key"/> with <paramref name="expectedShape"/>, or null (recorded as a problem).</summary>
    SafetensorsTensor? Get(string key, params long[] expectedShape);

    /// <summary>Throws one error listing every problem recorded by <see cref="Get"/>.</summary>
    void ThrowIfProblems(string? hint = null);
}
