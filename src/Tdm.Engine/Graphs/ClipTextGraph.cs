using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Graphs;

/// <summary>
/// transformers' CLIPTextModel (the text tower SD1.5 conditions on) as an ONNX graph. Keys are the flat names
/// transformers 5 uses ("embeddings.token_embedding.weight"); older files' "text_model." prefix is mapped by the
/// loader.
/// <code>
/// input_ids [B, 77] int64 -> last_hidden_state [B, 77, D] float32 (after the final layer norm)
/// </code>
/// </summary>
internal static class ClipTextGraph
{
    public const string InputIds = "input_ids", LastHiddenState = "last_hidden_state";

    public static GraphBuilder Build(ClipTextSpec spec, ITensorSource weights, TensorType computeType)
    {
        var g = new GraphBuilder("text_encoder", computeType);
        var nn = new Layers.Nn(g, weights);
        int d = spec.Hidden, s = spec.MaxPositions;
        var ids = g.Input(InputIds, TensorType.Int64, "batch", s);

        var tokens = g.Gather(nn.Param("embeddings.token_embedding.weight", spec.VocabSize, d), ids);       // [B, S, D]
        var x = g.Add(tokens, nn.Param("embeddings.position_embedding.weight", s, d));
        var causal = CausalMask(g, s);
        for (int i = 0; i < spec.Layers; i++)
        {
            string key = $"encoder.layers.{i}";
            var n = nn.LayerNorm($"{key}.layer_norm1", x, d, spec.LayerNormEps);
            x = g.Add(x, SelfAttention(nn, $"{key}.self_attn", n, spec, causal));
            n = nn.LayerNorm($"{key}.layer_norm2", x, d, spec.LayerNormEps);
            var h = nn.Linear($"{key}.mlp.fc1", n, d, spec.Intermediate);
            h = spec.QuickGelu ? g.QuickGelu(h) : g.Gelu(h);
            x = g.Add(x, nn.Linear($"{key}.mlp.fc2", h, spec.Intermediate, d));
        }
        x = nn.LayerNorm("final_layer_norm", x, d, spec.LayerNormEps);
        g.Output(LastHiddenState, g.ToFloat32(x), TensorType.Float, "batch", s, d);
        weights.ThrowIfProblems();
        return g;
    }

    // Token i attends to tokens 0..i: an additive mask of 0 on and below the diagonal, -inf above.
    private static Value CausalMask(GraphBuilder g, int s)
    {
        var mask = new float[s * s];
        for (int i = 0; i < s; i++)
            for (int j = i + 1; j < s; j++)
                mask[(i * s) + j] = float.NegativeInfinity;
        return g.Constant(mask, 1, 1, s, s);
    }

    // Written out rather than fused: 77 tokens cost nothing, and the causal mask stays explicit.
    private static Value SelfAttention(Layers.Nn nn, string key, Value x, ClipTextSpec spec, Value mask)
    {
        var g = nn.G;
        int d = spec.Hidden, heads = spec.Heads, dh = d / heads;
        Value Heads(Value t) => g.Transpose(g.Reshape(t, 0, 0, heads, dh), 0, 2, 1, 3);      // [B, H, S, dh]
        var q = Heads(g.Mul(nn.Linear($"{key}.q_proj", x, d, d), g.Scalar(1f / MathF.Sqrt(dh))));
        var k = Heads(nn.Linear($"{key}.k_proj", x, d, d));
        var v = Heads(nn.Linear($"{key}.v_proj", x, d, d));
        var scores = g.Add(g.MatMul(q, g.Transpose(k, 0, 1, 3, 2)), mask);                     // [B, H, S, S]
        var o = g.MatMul(g.Softmax(scores), v);                                                 // [B, H, S, dh]
        o = g.Reshape(g.Transpose(o, 0, 2, 1, 3), 0, 0, d);
        return nn.Linear($"{key}.out_proj", o, d, d);
    }
}

/// <summary>The text encoder's architecture.</summary>
internal sealed record ClipTextSpec(int VocabSize, int Hidden, int Intermediate, int Layers, int Heads, int MaxPositions, float LayerNormEps, bool QuickGelu);
