namespace Tdm.Engine.Graphs.Layers;

/// <summary>
/// diffusers' Transformer2DModel with 1x1-convolution projections (SD1.5's use_linear_projection = false) and its
/// BasicTransformerBlocks: self-attention (attn1, where frames mix), cross-attention to the prompt (attn2), and a
/// GEGLU feed-forward, each pre-normed and residual.
/// </summary>
internal static class Transformer2D
{
    /// <summary>x: [B, C, H, W]; context: [B, 77, contextDim] -> [B, C, H, W].</summary>
    public static Value Build(Nn nn, string key, Value x, int channels, int heads, int groups, int layers,
        Value context, int contextDim, IKeyValueMixer? mixer)
    {
        var h = nn.GroupNorm($"{key}.norm", x, channels, groups, 1e-6f);
        h = nn.Conv2d($"{key}.proj_in", h, channels, channels, kernel: 1);
        var tokens = nn.ToTokens(h, channels);                                          // [B, HW, C]
        for (int d = 0; d < layers; d++)
            tokens = Block(nn, $"{key}.transformer_blocks.{d}", tokens, channels, heads, context, contextDim, mixer);
        h = nn.FromTokens(tokens, h);                                                   // [B, C, H, W]
        h = nn.Conv2d($"{key}.proj_out", h, channels, channels, kernel: 1);
        return nn.G.Add(h, x);
    }

    private static Value Block(Nn nn, string key, Value x, int dim, int heads, Value context, int contextDim, IKeyValueMixer? mixer)
    {
        var g = nn.G;
        var n = nn.LayerNorm($"{key}.norm1", x, dim, 1e-5f);
        x = g.Add(Attention.Build(nn, $"{key}.attn1", n, dim, heads, mixer: mixer), x);
        n = nn.LayerNorm($"{key}.norm2", x, dim, 1e-5f);
        x = g.Add(Attention.Build(nn, $"{key}.attn2", n, dim, heads, context, contextDim), x);
        n = nn.LayerNorm($"{key}.norm3", x, dim, 1e-5f);
        return g.Add(FeedForward(nn, $"{key}.ff", n, dim), x);
    }

    // GEGLU: net.0.proj doubles to 2 * 4 * dim, one half gates the other through GELU; net.2 projects back.
    private static Value FeedForward(Nn nn, string key, Value x, int dim)
    {
        int inner = dim * 4;
        var projected = nn.Linear($"{key}.net.0.proj", x, dim, inner * 2);
        var (hidden, gate) = nn.G.Halves(projected, axis: -1);
        return nn.Linear($"{key}.net.2", nn.G.Mul(hidden, nn.G.Gelu(gate)), inner, dim);
    }
}
