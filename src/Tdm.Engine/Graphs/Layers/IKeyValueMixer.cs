namespace Tdm.Engine.Graphs.Layers;

/// <summary>
/// The attention-processor seam: a self-attention layer owns its weights (to_q, to_k, to_v, to_out) and asks a
/// mixer what keys and values its queries attend to. Frame mixing (SW-CFA, first-frame reference, none) is a
/// mixer, so one checkpoint and one graph serve every temporal mode.
/// </summary>
internal interface IKeyValueMixer
{
    /// <summary>key, value: [B, tokens, C] -> the keys and values the queries attend to, same shape.</summary>
    (Value Key, Value Value) Mix(GraphBuilder g, Value key, Value value);
}
