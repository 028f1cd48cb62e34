using System.Globalization;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// The one place where diffusers keys (the graph code's names) are renamed to the original single-file layouts:
/// CompVis LDM checkpoints as A1111/ComfyUI keep them (model.diffusion_model.*, first_stage_model.*,
/// cond_stage_model.transformer.*) and lllyasviel's ControlNet files (control_model.* or no prefix). Block numbers
/// are derived from the config (layers_per_block, block count, which blocks have attention), never tabulated.
/// A key that has no counterpart maps to prefix + key, which the file then lacks, so the lookup reports it.
/// </summary>
internal static class LdmKeyMap
{
    public const string UNetPrefix = "model.diffusion_model.";
    public const string VaePrefix = "first_stage_model.";
    public const string ClipPrefix = "cond_stage_model.transformer.";
    public const string ControlNetPrefix = "control_model.";
    public const string Layout = "LDM single file";
    public const string ControlNetLayout = "lllyasviel ControlNet";

    /// <summary>The U-Net of an SD single file.</summary>
    public static ComponentKeyMap UNet(UNetConfig config) =>
        new(Layout, k => UNetPrefix + (UNetKey(k, config) ?? k), k => k.StartsWith(UNetPrefix, StringComparison.Ordinal));

    /// <summary>The VAE of an SD single file; its training-loss tensors are ignored.</summary>
    public static ComponentKeyMap Vae(VaeConfig config) =>
        new(Layout, k => VaePrefix + (VaeKey(k, config) ?? k), k => k.StartsWith(VaePrefix, StringComparison.Ordinal),
            k => k.StartsWith(VaePrefix + "loss.", StringComparison.Ordinal));

    /// <summary>The text encoder of an SD single file (transformers' CLIPTextModel under the prefix, with or without
    /// the "text_model." level).</summary>
    public static ComponentKeyMap Clip(IEnumerable<string> fileKeys) => ComponentKeyMap.ClipText(Layout, ClipPrefix, fileKeys);

    /// <summary>An lllyasviel ControlNet file whose keys start with <paramref name="prefix"/> ("control_model." or
    /// ""). Keys outside the prefix (the SD model some v1.0 files embed) are not the ControlNet's.</summary>
    public static ComponentKeyMap ControlNet(ControlNetConfig config, string prefix) =>
        new(ControlNetLayout, k => prefix + (ControlNetKey(k, config) ?? k),
            k => prefix.Length == 0 ? !SingleFileProbe.IsSdModelKey(k) : k.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The U-Net key without prefix, or null when <paramref name="key"/> is not a U-Net key.</summary>
    public static string? UNetKey(string key, UNetConfig c)
    {
        if (EncoderKey(key, c) is { } encoder)
            return encoder;
        int l = c.LayersPerBlock;
        if (Block(key, "up_blocks.") is (var i, var rest) && i < c.BlockOutChannels.Count)
        {
            // Up block i holds L+1 resnets (with attentions) at output_blocks (L+1)i+j, then its upsampler: at .1 in
            // the last output block when the block has no attention, else at .2.
            if (Block(rest, "resnets.") is (var j, var r) && j <= l)
                return $"output_blocks.{(l + 1) * i + j}.0.{ResnetPart(r)}";
            if (Block(rest, "attentions.") is (var ja, var a) && ja <= l)
                return $"output_blocks.{(l + 1) * i + ja}.1.{a}";
            if (Strip(rest, "upsamplers.0.conv.") is { } u)
                return $"output_blocks.{(l + 1) * i + l}.{(c.UpBlockHasAttention(i) ? 2 : 1)}.conv.{u}";
            return null;
        }
        if (Strip(key, "conv_norm_out.") is { } norm)
            return "out.0." + norm; // out.1 is the SiLU
        if (Strip(key, "conv_out.") is { } conv)
            return "out.2." + conv;
        return null;
    }

    /// <summary>The ControlNet key without prefix, or null.</summary>
    public static string? ControlNetKey(string key, ControlNetConfig c)
    {
        if (EncoderKey(key, c) is { } encoder)
            return encoder;
        // The conditioning embedding was one nn.Sequential with a SiLU after every conv: convs at even indices.
        if (Strip(key, "controlnet_cond_embedding.conv_in.") is { } ci)
            return "input_hint_block.0." + ci;
        if (Block(key, "controlnet_cond_embedding.blocks.") is (var m, var b))
            return $"input_hint_block.{2 * (m + 1)}.{b}";
        if (Strip(key, "controlnet_cond_embedding.conv_out.") is { } co)
            return $"input_hint_block.{2 * (2 * (c.ConditioningEmbeddingOutChannels.Count - 1) + 1)}.{co}";
        if (Block(key, "controlnet_down_blocks.") is (var k, var z))
            return $"zero_convs.{k}.0.{z}";
        if (Strip(key, "controlnet_mid_block.") is { } mid)
            return "middle_block_out.0." + mid;
        return null;
    }

    /// <summary>The VAE key without prefix, or null.</summary>
    public static string? VaeKey(string key, VaeConfig c)
    {
        if (Strip(key, "quant_conv.") is not null || Strip(key, "post_quant_conv.") is not null)
            return key;
        foreach (string part in new[] { "encoder.", "decoder." })
        {
            if (Strip(key, part) is not { } rest)
                continue;
            if (Strip(rest, "conv_in.") is not null || Strip(rest, "conv_out.") is not null)
                return key;
            if (Strip(rest, "conv_norm_out.") is { } norm)
                return part + "norm_out." + norm;
            if (Block(rest, "mid_block.resnets.") is (var k, var r))
                return $"{part}mid.block_{k + 1}.{VaeResnetPart(r)}";
            if (Strip(rest, "mid_block.attentions.0.") is { } a)
                return VaeAttention(a) is { } mapped ? $"{part}mid.attn_1.{mapped}" : null;
            // The decoder's up blocks are numbered from the lowest resolution in diffusers, from the highest in LDM.
            int n = c.BlockOutChannels.Count;
            if (part == "encoder." && Block(rest, "down_blocks.") is (var i, var d))
            {
                if (Block(d, "resnets.") is (var j, var dr))
                    return $"encoder.down.{i}.block.{j}.{VaeResnetPart(dr)}";
                if (Strip(d, "downsamplers.0.conv.") is { } ds)
                    return $"encoder.down.{i}.downsample.conv.{ds}";
            }
            if (part == "decoder." && Block(rest, "up_blocks.") is (var ui, var up) && ui < n)
            {
                if (Block(up, "resnets.") is (var j, var ur))
                    return $"decoder.up.{n - 1 - ui}.block.{j}.{VaeResnetPart(ur)}";
                if (Strip(up, "upsamplers.0.conv.") is { } us)
                    return $"decoder.up.{n - 1 - ui}.upsample.conv.{us}";
            }
            return null;
        }
        return null;
    }

    /// <summary>time embedding, conv_in, down blocks and mid block: shared by the U-Net and the ControlNet.
    /// Down block i's resnet/attention j sit at input_blocks (L+1)i+j+1 (slot .0 / .1), its downsampler at
    /// (L+1)(i+1); input_blocks.0 is conv_in.</summary>
    private static string? EncoderKey(string key, UNetEncoderConfig c)
    {
        int l = c.LayersPerBlock;
        if (Strip(key, "time_embedding.linear_1.") is { } t1)
            return "time_embed.0." + t1; // time_embed.1 is the SiLU
        if (Strip(key, "time_embedding.linear_2.") is { } t2)
            return "time_embed.2." + t2;
        if (Strip(key, "conv_in.") is { } ci)
            return "input_blocks.0.0." + ci;
        if (Block(key, "down_blocks.") is (var i, var rest) && i < c.BlockOutChannels.Count)
        {
            if (Block(rest, "resnets.") is (var j, var r) && j < l)
                return $"input_blocks.{(l + 1) * i + j + 1}.0.{ResnetPart(r)}";
            if (Block(rest, "attentions.") is (var ja, var a) && ja < l)
                return $"input_blocks.{(l + 1) * i + ja + 1}.1.{a}";
            if (Strip(rest, "downsamplers.0.conv.") is { } d)
                return $"input_blocks.{(l + 1) * (i + 1)}.0.op.{d}";
            return null;
        }
        if (Block(key, "mid_block.resnets.") is (var k, var mr) && k < 2)
            return $"middle_block.{2 * k}.{ResnetPart(mr)}";
        if (Strip(key, "mid_block.attentions.0.") is { } ma)
            return "middle_block.1." + ma;
        return null;
    }

    // LDM's ResBlock: in_layers = [GroupNorm, SiLU, conv], emb_layers = [SiLU, Linear], out_layers = [GroupNorm,
    // SiLU, Dropout, conv]; attention blocks keep diffusers' names.
    private static string ResnetPart(string rest)
    {
        foreach (var (from, to) in s_resnet)
            if (Strip(rest, from) is { } tail)
                return to + tail;
        return rest;
    }

    private static readonly (string From, string To)[] s_resnet =
    [
        ("norm1.", "in_layers.0."), ("conv1.", "in_layers.2."), ("time_emb_proj.", "emb_layers.1."),
        ("norm2.", "out_layers.0."), ("conv2.", "out_layers.3."), ("conv_shortcut.", "skip_connection."),
    ];

    private static string VaeResnetPart(string rest) =>
        Strip(rest, "conv_shortcut.") is { } s ? "nin_shortcut." + s : rest;

    private static string? VaeAttention(string rest)
    {
        foreach (var (from, to) in s_vaeAttention)
            if (Strip(rest, from) is { } tail)
                return to + tail;
        return null;
    }

    private static readonly (string From, string To)[] s_vaeAttention =
        [("group_norm.", "norm."), ("to_q.", "q."), ("to_k.", "k."), ("to_v.", "v."), ("to_out.0.", "proj_out.")];

    private static string? Strip(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : null;

    /// <summary>For "prefix{N}.rest" returns (N, rest), otherwise null.</summary>
    private static (int Index, string Tail)? Block(string key, string prefix)
    {
        if (Strip(key, prefix) is not { } tail)
            return null;
        int dot = tail.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !int.TryParse(tail.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            return null;
        return (index, tail[(dot + 1)..]);
    }
}
