namespace Tdm.Engine.Graphs.Layers;

/// <summary>
/// diffusers' Attention module (to_q, to_k, to_v, to_out.0) as multi-head scaled dot-product attention through
/// ONNX Runtime's fused com.microsoft.MultiHeadAttention (CPU and CUDA kernels; flash / memory-efficient on CUDA).
/// </summary>
internal static class Attention
{
    /// <summary>
    /// x: [B, S, queryDim]; context: [B, L, contextDim] for cross-attention, null for self-attention; returns
    /// [B, S, queryDim]. <paramref name="mixer"/> (self-attention only) chooses the keys and values attended to.
    /// </summary>
    public static Value Build(Nn nn, string key, Value x, int queryDim, int heads, Value? context = null,
        int contextDim = 0, bool qkvBias = false, IKeyValueMixer? mixer = null)
    {
        if (queryDim % heads != 0)
            throw new GraphBuildException($"{key}: {queryDim} channels cannot be split into {heads} heads");
        var source = context ?? x;
        int sourceDim = context is null ? queryDim : contextDim;
        var q = nn.Linear($"{key}.to_q", x, queryDim, queryDim, qkvBias);
        var k = nn.Linear($"{key}.to_k", source, sourceDim, queryDim, qkvBias);
        var v = nn.Linear($"{key}.to_v", source, sourceDim, queryDim, qkvBias);
        if (mixer != null)
        {
            nn.G.Tap($"{key}.key_before_mix", k);
            (k, v) = mixer.Mix(nn.G, k, v);
            nn.G.Tap($"{key}.key_after_mix", k);
        }
        // Scale defaults to 1/sqrt(head size), diffusers' dim_head ** -0.5.
        var attended = nn.G.MicrosoftOp("MultiHeadAttention", [q, k, v], ("num_heads", heads));
        return nn.Linear($"{key}.to_out.0", attended, queryDim, queryDim);
    }
}
