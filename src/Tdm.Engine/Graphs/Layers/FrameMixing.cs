namespace Tdm.Engine.Graphs.Layers;

/// <summary>
/// Cross-frame attention by a frame-mixing matrix M, a graph input of shape [B, B]: K' = M K and V' = M V along
/// the batch axis (Li et al. 2024, SW-CFA; Text2Video-Zero's first-frame reference; identity = plain attention).
/// Mixing after to_k / to_v is what the reference does (capture.key_after_mix); since both are linear it equals
/// mixing their input.
/// </summary>
internal sealed class FrameMixing(Value frameMix) : IKeyValueMixer
{
    /// <summary>The [B, B] matrix in the graph's compute type.</summary>
    public Value Matrix { get; } = frameMix;

    public (Value Key, Value Value) Mix(GraphBuilder g, Value key, Value value) => (Apply(g, key), Apply(g, value));

    // [B, T, C] -> [B, T*C] -> M @ . -> [B, T, C]
    private Value Apply(GraphBuilder g, Value x) => g.Reshape(g.MatMul(Matrix, g.Reshape(x, 0, -1)), g.Shape(x));
}
