namespace Tdm.Engine.Checkpoints;

/// <summary>
/// Tensors whose shapes follow from a config alone: the anchors <see cref="ModelInspector"/> checks when no complete
/// key list is wired in. Convolutions, projections and the layers that carry channel changes, per block; not every
/// tensor (the graph code owns the complete list), so unused tensors cannot be judged from these.
/// </summary>
internal static class ConfigShapeChecks
{
    public static IEnumerable<(string Key, long[] Shape)> For(string component, IModelConfig config) => config switch
    {
        UNetConfig u => UNet(u),
        ControlNetConfig c => ControlNet(c),
        VaeConfig v => Vae(v),
        ClipTextConfig t => ClipText(t),
        _ => [],
    };

    private static IEnumerable<(string, long[])> Encoder(UNetEncoderConfig c, int convInKernel)
    {
        var ch = c.BlockOutChannels;
        int n = ch.Count, t = c.TimeEmbeddingDim;
        yield return ("conv_in.weight", [ch[0], c.InChannels, convInKernel, convInKernel]);
        yield return ("time_embedding.linear_1.weight", [t, ch[0]]);
        yield return ("time_embedding.linear_2.weight", [t, t]);
        for (int i = 0; i < n; i++)
        {
            string block = $"down_blocks.{i}";
            int input = i == 0 ? ch[0] : ch[i - 1];
            for (int j = 0; j < c.LayersPerBlock; j++)
            {
                int resIn = j == 0 ? input : ch[i];
                yield return ($"{block}.resnets.{j}.conv1.weight", [ch[i], resIn, 3, 3]);
                yield return ($"{block}.resnets.{j}.time_emb_proj.weight", [ch[i], t]);
                if (resIn != ch[i])
                    yield return ($"{block}.resnets.{j}.conv_shortcut.weight", [ch[i], resIn, 1, 1]);
                if (c.DownBlockHasAttention(i))
                    foreach (var a in Attention($"{block}.attentions.{j}", ch[i], c.CrossAttentionDim))
                        yield return a;
            }
            if (i < n - 1)
                yield return ($"{block}.downsamplers.0.conv.weight", [ch[i], ch[i], 3, 3]);
        }
        yield return ("mid_block.resnets.0.conv1.weight", [ch[^1], ch[^1], 3, 3]);
        yield return ("mid_block.resnets.1.conv1.weight", [ch[^1], ch[^1], 3, 3]);
        foreach (var a in Attention("mid_block.attentions.0", ch[^1], c.CrossAttentionDim))
            yield return a;
    }

    // proj_in/proj_out are 1x1 convs in SD1.x; the cross-attention keys read the text width.
    private static IEnumerable<(string, long[])> Attention(string prefix, int channels, int crossDim)
    {
        yield return ($"{prefix}.proj_in.weight", [channels, channels, 1, 1]);
        yield return ($"{prefix}.transformer_blocks.0.attn1.to_q.weight", [channels, channels]);
        yield return ($"{prefix}.transformer_blocks.0.attn2.to_k.weight", [channels, crossDim]);
        yield return ($"{prefix}.transformer_blocks.0.attn2.to_v.weight", [channels, crossDim]);
        yield return ($"{prefix}.transformer_blocks.0.ff.net.0.proj.weight", [8 * channels, channels]); // GEGLU: 2 x 4C
        yield return ($"{prefix}.proj_out.weight", [channels, channels, 1, 1]);
    }

    private static IEnumerable<(string, long[])> UNet(UNetConfig c)
    {
        foreach (var e in Encoder(c, c.ConvInKernel))
            yield return e;
        var rev = c.BlockOutChannels.Reverse().ToArray();
        int n = rev.Length;
        int previous = rev[0];
        for (int i = 0; i < n; i++)
        {
            int output = rev[i], input = rev[Math.Min(i + 1, n - 1)];
            for (int j = 0; j <= c.LayersPerBlock; j++)
            {
                // Each resnet takes the previous output concatenated with one skip connection of the encoder.
                int skip = j == c.LayersPerBlock ? input : output;
                int resIn = (j == 0 ? previous : output) + skip;
                yield return ($"up_blocks.{i}.resnets.{j}.conv1.weight", [output, resIn, 3, 3]);
                yield return ($"up_blocks.{i}.resnets.{j}.conv_shortcut.weight", [output, resIn, 1, 1]);
                if (c.UpBlockHasAttention(i))
                    foreach (var a in Attention($"up_blocks.{i}.attentions.{j}", output, c.CrossAttentionDim))
                        yield return a;
            }
            if (i < n - 1)
                yield return ($"up_blocks.{i}.upsamplers.0.conv.weight", [output, output, 3, 3]);
            previous = output;
        }
        yield return ("conv_norm_out.weight", [c.BlockOutChannels[0]]);
        yield return ("conv_out.weight", [c.OutChannels, c.BlockOutChannels[0], c.ConvOutKernel, c.ConvOutKernel]);
    }

    private static IEnumerable<(string, long[])> ControlNet(ControlNetConfig c)
    {
        foreach (var e in Encoder(c, 3))
            yield return e;
        var emb = c.ConditioningEmbeddingOutChannels;
        yield return ("controlnet_cond_embedding.conv_in.weight", [emb[0], c.ConditioningChannels, 3, 3]);
        for (int i = 0; i < emb.Count - 1; i++)
        {
            yield return ($"controlnet_cond_embedding.blocks.{2 * i}.weight", [emb[i], emb[i], 3, 3]);
            yield return ($"controlnet_cond_embedding.blocks.{2 * i + 1}.weight", [emb[i + 1], emb[i], 3, 3]);
        }
        yield return ("controlnet_cond_embedding.conv_out.weight", [c.BlockOutChannels[0], emb[^1], 3, 3]);
        int k = 0;
        foreach (int channels in ControlNetResidualChannels(c))
            yield return ($"controlnet_down_blocks.{k++}.weight", [channels, channels, 1, 1]);
        yield return ("controlnet_mid_block.weight", [c.BlockOutChannels[^1], c.BlockOutChannels[^1], 1, 1]);
    }

    /// <summary>Channels of the ControlNet's down residuals in order: conv_in's, then each block's resnets and
    /// downsampler (12 for SD1.x).</summary>
    public static IEnumerable<int> ControlNetResidualChannels(UNetEncoderConfig c)
    {
        yield return c.BlockOutChannels[0];
        for (int i = 0; i < c.BlockOutChannels.Count; i++)
        {
            for (int j = 0; j < c.LayersPerBlock; j++)
                yield return c.BlockOutChannels[i];
            if (i < c.BlockOutChannels.Count - 1)
                yield return c.BlockOutChannels[i];
        }
    }

    private static IEnumerable<(string, long[])> Vae(VaeConfig c)
    {
        var ch = c.BlockOutChannels;
        int n = ch.Count, z = c.LatentChannels;
        yield return ("encoder.conv_in.weight", [ch[0], c.InChannels, 3, 3]);
        for (int i = 0; i < n; i++)
        {
            int input = i == 0 ? ch[0] : ch[i - 1];
            yield return ($"encoder.down_blocks.{i}.resnets.0.conv1.weight", [ch[i], input, 3, 3]);
            if (input != ch[i])
                yield return ($"encoder.down_blocks.{i}.resnets.0.conv_shortcut.weight", [ch[i], input, 1, 1]);
            if (i < n - 1)
                yield return ($"encoder.down_blocks.{i}.downsamplers.0.conv.weight", [ch[i], ch[i], 3, 3]);
        }
        foreach (string part in new[] { "encoder", "decoder" })
        {
            yield return ($"{part}.mid_block.resnets.0.conv1.weight", [ch[^1], ch[^1], 3, 3]);
            if (c.MidBlockAddAttention)
                yield return ($"{part}.mid_block.attentions.0.to_q.weight", [ch[^1], ch[^1]]);
        }
        yield return ("encoder.conv_out.weight", [2 * z, ch[^1], 3, 3]);
        if (c.UseQuantConv)
            yield return ("quant_conv.weight", [2 * z, 2 * z, 1, 1]);
        if (c.UsePostQuantConv)
            yield return ("post_quant_conv.weight", [z, z, 1, 1]);
        yield return ("decoder.conv_in.weight", [ch[^1], z, 3, 3]);
        var rev = ch.Reverse().ToArray();
        for (int i = 0; i < n; i++)
        {
            int input = i == 0 ? rev[0] : rev[i - 1];
            yield return ($"decoder.up_blocks.{i}.resnets.0.conv1.weight", [rev[i], input, 3, 3]);
            if (input != rev[i])
                yield return ($"decoder.up_blocks.{i}.resnets.0.conv_shortcut.weight", [rev[i], input, 1, 1]);
            if (i < n - 1)
                yield return ($"decoder.up_blocks.{i}.upsamplers.0.conv.weight", [rev[i], rev[i], 3, 3]);
        }
        yield return ("decoder.conv_out.weight", [c.OutChannels, ch[0], 3, 3]);
    }

    private static IEnumerable<(string, long[])> ClipText(ClipTextConfig c)
    {
        int h = c.HiddenSize;
        yield return ("embeddings.token_embedding.weight", [c.VocabSize, h]);
        yield return ("embeddings.position_embedding.weight", [c.MaxPositionEmbeddings, h]);
        for (int l = 0; l < c.NumHiddenLayers; l++)
        {
            yield return ($"encoder.layers.{l}.self_attn.q_proj.weight", [h, h]);
            yield return ($"encoder.layers.{l}.self_attn.out_proj.weight", [h, h]);
            yield return ($"encoder.layers.{l}.mlp.fc1.weight", [c.IntermediateSize, h]);
            yield return ($"encoder.layers.{l}.mlp.fc2.weight", [h, c.IntermediateSize]);
        }
        yield return ("final_layer_norm.weight", [h]);
    }
}
