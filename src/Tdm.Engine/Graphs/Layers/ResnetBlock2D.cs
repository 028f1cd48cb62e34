namespace Tdm.Engine.Graphs.Layers;

/// <summary>diffusers' ResnetBlock2D (output_scale_factor 1, time_embedding_norm "default").</summary>
internal static class ResnetBlock2D
{
    /// <summary>x: [B, inCh, H, W]; temb: [B, tembDim] or null (VAE) -> [B, outCh, H, W].</summary>
    public static Value Build(Nn nn, string key, Value x, int inChannels, int outChannels, int groups, float eps,
        Value? temb = null, int tembDim = 0)
    {
        var g = nn.G;
        var h = g.Silu(nn.GroupNorm($"{key}.norm1", x, inChannels, groups, eps));
        h = nn.Conv2d($"{key}.conv1", h, inChannels, outChannels);
        if (temb is { } t)
        {
            var projected = nn.Linear($"{key}.time_emb_proj", g.Silu(t), tembDim, outChannels);   // [B, out]
            h = g.Add(h, g.Unsqueeze(projected, 2, 3));                                          // [B, out, 1, 1]
        }
        h = g.Silu(nn.GroupNorm($"{key}.norm2", h, outChannels, groups, eps));
        h = nn.Conv2d($"{key}.conv2", h, outChannels, outChannels);
        var shortcut = inChannels == outChannels ? x : nn.Conv2d($"{key}.conv_shortcut", x, inChannels, outChannels, kernel: 1);
        return g.Add(shortcut, h);
    }
}
