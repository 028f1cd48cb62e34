using System.Globalization;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// Reads a network's architecture from the shapes and key counts of a single file (LDM names): channels from
/// conv_in and the resnets, layers per block from where the downsamplers sit, cross-attention width from attn2.to_k,
/// text width and vocabulary from the token embedding, layer counts from the keys. Shapes cannot tell the number of
/// attention heads or GroupNorm groups: those, and everything else, take SD1.5's values (the configs'
/// <c>StableDiffusion15</c>); pass the real configs through <see cref="SingleFileConfigs"/> when they differ.
/// </summary>
internal static class SingleFileArchitecture
{
    public static UNetConfig UNet(IReadOnlyDictionary<string, SafetensorsTensor> t, string path)
    {
        string p = LdmKeyMap.UNetPrefix;
        var e = Encoder(t, p, path, "U-Net");
        int n = e.Channels.Length, l = e.Layers;
        int outputs = Indices(t, p + "output_blocks.").Count;
        if (outputs != (l + 1) * n)
            throw Broken(path, $"the U-Net has {outputs} output_blocks, {n} blocks of {l + 1} expected");
        var up = Enumerable.Range(0, n)
            .Select(i => t.ContainsKey($"{p}output_blocks.{(l + 1) * i}.1.proj_in.weight") ? UNetConfig.CrossAttnUpBlock : UNetConfig.UpBlock).ToArray();
        var outConv = Shape(t, p + "out.2.weight", path, "U-Net conv_out");
        return UNetConfig.StableDiffusion15 with
        {
            InChannels = e.InChannels,
            BlockOutChannels = e.Channels,
            DownBlockTypes = e.DownTypes,
            UpBlockTypes = up,
            LayersPerBlock = l,
            CrossAttentionDim = e.CrossAttentionDim,
            UseLinearProjection = e.LinearProjection,
            TransformerLayersPerBlock = [e.TransformerLayers],
            MidBlockType = e.MidBlockType,
            ConvInKernel = e.Kernel,
            OutChannels = (int)outConv[0],
            ConvOutKernel = outConv.Length == 4 ? (int)outConv[2] : 1,
        };
    }

    public static ControlNetConfig ControlNet(IReadOnlyDictionary<string, SafetensorsTensor> t, string prefix, string path)
    {
        var e = Encoder(t, prefix, path, "ControlNet");
        // input_hint_block: conv_in at 0, the blocks, conv_out last; odd indices are SiLUs without weights.
        var hint = Indices(t, prefix + "input_hint_block.");
        if (hint.Count < 2 || hint.Count % 2 != 0)
            throw Broken(path, $"the ControlNet's input_hint_block has {hint.Count} convolutions, an even number of at least 2 expected");
        var convIn = Shape(t, $"{prefix}input_hint_block.{hint[0]}.weight", path, "ControlNet conditioning conv_in", 2);
        var blocks = hint.Skip(1).Take(hint.Count - 2).ToList();
        var embedding = new List<int> { (int)convIn[0] };
        for (int i = 0; i + 1 < blocks.Count; i += 2)
            embedding.Add((int)Shape(t, $"{prefix}input_hint_block.{blocks[i + 1]}.weight", path, "ControlNet conditioning block")[0]);
        int zeroConvs = Indices(t, prefix + "zero_convs.").Count;
        int expected = (e.Layers + 1) * e.Channels.Length;
        if (zeroConvs != expected)
            throw Broken(path, $"the ControlNet has {zeroConvs} zero_convs, {expected} expected for its {e.Channels.Length} blocks of {e.Layers} layers");
        return ControlNetConfig.StableDiffusion15 with
        {
            InChannels = e.InChannels,
            BlockOutChannels = e.Channels,
            DownBlockTypes = e.DownTypes,
            LayersPerBlock = e.Layers,
            CrossAttentionDim = e.CrossAttentionDim,
            UseLinearProjection = e.LinearProjection,
            TransformerLayersPerBlock = [e.TransformerLayers],
            MidBlockType = e.MidBlockType,
            ConditioningChannels = (int)convIn[1],
            ConditioningEmbeddingOutChannels = embedding,
        };
    }

    public static VaeConfig Vae(IReadOnlyDictionary<string, SafetensorsTensor> t, string path)
    {
        string p = LdmKeyMap.VaePrefix;
        var convIn = Shape(t, p + "encoder.conv_in.weight", path, "VAE encoder conv_in", 2);
        int n = Indices(t, p + "encoder.down.").Count;
        int l = Indices(t, p + "encoder.down.0.block.").Count;
        if (n == 0 || l == 0)
            throw Broken(path, "the VAE encoder has no down blocks (first_stage_model.encoder.down.N.block.M)");
        var channels = Enumerable.Range(0, n)
            .Select(i => (int)Shape(t, $"{p}encoder.down.{i}.block.0.conv2.weight", path, "VAE encoder resnet")[0]).ToArray();
        return VaeConfig.StableDiffusion15 with
        {
            InChannels = (int)convIn[1],
            OutChannels = (int)Shape(t, p + "decoder.conv_out.weight", path, "VAE decoder conv_out")[0],
            BlockOutChannels = channels,
            DownBlockTypes = Enumerable.Repeat(VaeConfig.DownEncoderBlock, n).ToArray(),
            UpBlockTypes = Enumerable.Repeat(VaeConfig.UpDecoderBlock, n).ToArray(),
            LayersPerBlock = l,
            LatentChannels = (int)Shape(t, p + "decoder.conv_in.weight", path, "VAE decoder conv_in", 2)[1],
            UseQuantConv = t.ContainsKey(p + "quant_conv.weight"),
            UsePostQuantConv = t.ContainsKey(p + "post_quant_conv.weight"),
            MidBlockAddAttention = t.ContainsKey(p + "encoder.mid.attn_1.q.weight"),
        };
    }

    public static ClipTextConfig Clip(IReadOnlyDictionary<string, SafetensorsTensor> t, string path)
    {
        string p = LdmKeyMap.ClipPrefix;
        if (t.Keys.Any(k => k.StartsWith(p + ComponentKeyMap.ClipTextModelLevel, StringComparison.Ordinal)))
            p += ComponentKeyMap.ClipTextModelLevel;
        var token = Shape(t, p + "embeddings.token_embedding.weight", path, "text encoder token embedding", 2);
        int layers = Indices(t, p + "encoder.layers.").Count;
        if (layers == 0)
            throw Broken(path, $"the text encoder has no layers ({p}encoder.layers.N)");
        return ClipTextConfig.StableDiffusion15 with
        {
            VocabSize = (int)token[0],
            HiddenSize = (int)token[1],
            MaxPositionEmbeddings = (int)Shape(t, p + "embeddings.position_embedding.weight", path, "text encoder position embedding")[0],
            NumHiddenLayers = layers,
            IntermediateSize = (int)Shape(t, p + "encoder.layers.0.mlp.fc1.weight", path, "text encoder MLP")[0],
        };
    }

    /// <summary>
    /// <paramref name="given"/> when it agrees with <paramref name="detected"/> on everything the shapes tell
    /// (<see cref="ShapeFields"/>), else an error listing each disagreement; <paramref name="detected"/> when nothing
    /// was given.
    /// </summary>
    public static T Resolve<T>(T detected, T? given, string path, string component) where T : class, IModelConfig
    {
        if (given == null)
            return detected;
        var differences = Differences(detected, given);
        if (differences.Count > 0)
            throw new CheckpointException(path,
                $"{path}: the {component} config given does not match the weights: " +
                string.Join("; ", differences.Select(d => $"{d.Field} is {d.Given} in the config, {d.Detected} in the weights")) +
                " (is the config from another model?)");
        return given;
    }

    /// <summary>Fields where the two configs differ among those shapes tell.</summary>
    public static List<(string Field, string Detected, string Given)> Differences(IModelConfig detected, IModelConfig given)
    {
        var a = ShapeFields(detected);
        var b = ShapeFields(given);
        return a.Zip(b).Where(p => p.First.Value != p.Second.Value)
            .Select(p => (p.First.Field, p.First.Value, p.Second.Value)).ToList();
    }

    /// <summary>The fields of a config that tensor shapes and key counts determine, as text.</summary>
    public static List<(string Field, string Value)> ShapeFields(IModelConfig config)
    {
        static string L<T>(IEnumerable<T> v) => "[" + string.Join(", ", v) + "]";
        static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        static string B(bool v) => v ? "true" : "false";
        List<(string, string)> Encoder(UNetEncoderConfig c) =>
        [
            ("in_channels", I(c.InChannels)), ("block_out_channels", L(c.BlockOutChannels)),
            ("down_block_types", L(c.DownBlockTypes)), ("layers_per_block", I(c.LayersPerBlock)),
            ("cross_attention_dim", I(c.CrossAttentionDim)), ("use_linear_projection", B(c.UseLinearProjection)),
            ("transformer_layers_per_block", L(Enumerable.Range(0, c.BlockOutChannels.Count)
                .Select(i => c.TransformerLayersPerBlock.Count == 1 ? c.TransformerLayersPerBlock[0] : c.TransformerLayersPerBlock[i]))),
            ("mid_block_type", c.MidBlockType),
        ];
        return config switch
        {
            UNetConfig u => [.. Encoder(u), ("up_block_types", L(u.UpBlockTypes)), ("out_channels", I(u.OutChannels)),
                ("conv_in_kernel", I(u.ConvInKernel)), ("conv_out_kernel", I(u.ConvOutKernel))],
            ControlNetConfig c => [.. Encoder(c), ("conditioning_channels", I(c.ConditioningChannels)),
                ("conditioning_embedding_out_channels", L(c.ConditioningEmbeddingOutChannels))],
            VaeConfig v => [("in_channels", I(v.InChannels)), ("out_channels", I(v.OutChannels)), ("block_out_channels", L(v.BlockOutChannels)),
                ("layers_per_block", I(v.LayersPerBlock)), ("latent_channels", I(v.LatentChannels)), ("use_quant_conv", B(v.UseQuantConv)),
                ("use_post_quant_conv", B(v.UsePostQuantConv)), ("mid_block_add_attention", B(v.MidBlockAddAttention))],
            ClipTextConfig c => [("vocab_size", I(c.VocabSize)), ("hidden_size", I(c.HiddenSize)), ("intermediate_size", I(c.IntermediateSize)),
                ("num_hidden_layers", I(c.NumHiddenLayers)), ("max_position_embeddings", I(c.MaxPositionEmbeddings))],
            _ => [],
        };
    }

    private sealed record EncoderShape(int InChannels, int[] Channels, string[] DownTypes, int Layers, int CrossAttentionDim,
        bool LinearProjection, int TransformerLayers, int Kernel, string MidBlockType);

    // Down block i's first resnet is input_blocks (L+1)i+1 and its downsampler input_blocks (L+1)(i+1): the first
    // downsampler's index gives L, their count the number of blocks.
    private static EncoderShape Encoder(IReadOnlyDictionary<string, SafetensorsTensor> t, string p, string path, string what)
    {
        var convIn = Shape(t, p + "input_blocks.0.0.weight", path, what + " conv_in");
        if (convIn.Length != 4)
            throw Broken(path, $"the {what}'s conv_in weight has shape [{string.Join(",", convIn)}], a 4-d convolution expected");
        int inputs = Indices(t, p + "input_blocks.").Count;
        var ops = Indices(t, p + "input_blocks.").Where(i => t.ContainsKey($"{p}input_blocks.{i}.0.op.weight")).ToList();
        int l = ops.Count > 0 ? ops[0] - 1 : inputs - 1;
        int n = ops.Count + 1;
        if (l < 1 || l > Configs.ConfigLimits.MaxLayersPerBlock || n > Configs.ConfigLimits.MaxBlocks || inputs != (l + 1) * n)
            throw Broken(path, $"the {what}'s {inputs} input_blocks do not form blocks of resnets and downsamplers (downsamplers at [{string.Join(", ", ops)}])");
        var channels = new int[n];
        var types = new string[n];
        for (int i = 0; i < n; i++)
        {
            int first = (l + 1) * i + 1;
            channels[i] = (int)Shape(t, $"{p}input_blocks.{first}.0.out_layers.3.weight", path, $"{what} down block {i} resnet")[0];
            types[i] = t.ContainsKey($"{p}input_blocks.{first}.1.proj_in.weight") ? UNetEncoderConfig.CrossAttnDownBlock : UNetEncoderConfig.DownBlock;
        }
        string? attention = Enumerable.Range(0, n).Where(i => types[i] == UNetEncoderConfig.CrossAttnDownBlock)
            .Select(i => $"{p}input_blocks.{(l + 1) * i + 1}.1.").FirstOrDefault()
            ?? (t.ContainsKey(p + "middle_block.1.proj_in.weight") ? p + "middle_block.1." : null);
        int cross = 768, layers = 1;
        bool linear = false;
        if (attention != null)
        {
            cross = (int)Shape(t, attention + "transformer_blocks.0.attn2.to_k.weight", path, what + " cross-attention", 2)[1];
            linear = Shape(t, attention + "proj_in.weight", path, what + " proj_in").Length == 2;
            layers = Indices(t, attention + "transformer_blocks.").Count;
        }
        string mid = t.ContainsKey(p + "middle_block.1.proj_in.weight") ? UNetEncoderConfig.CrossAttnMidBlock : "UNetMidBlock2D";
        return new EncoderShape((int)convIn[1], channels, types, l, cross, linear, layers, (int)convIn[2], mid);
    }

    /// <summary>The distinct N of keys "prefix N.rest", ascending.</summary>
    private static List<int> Indices(IReadOnlyDictionary<string, SafetensorsTensor> t, string prefix)
    {
        var found = new SortedSet<int>();
        foreach (string key in t.Keys)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            int dot = key.IndexOf('.', prefix.Length);
            if (dot > prefix.Length && int.TryParse(key.AsSpan(prefix.Length, dot - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int i))
                found.Add(i);
        }
        return [.. found];
    }

    // Every shape read here is indexed up to minRank - 1 and its dimensions cast to int: both checked, so a hostile
    // header ends in a CheckpointException, not an IndexOutOfRange or a wrapped-around width.
    private static long[] Shape(IReadOnlyDictionary<string, SafetensorsTensor> t, string key, string path, string what, int minRank = 1)
    {
        if (!t.TryGetValue(key, out var tensor))
            throw new CheckpointException(path, $"{path}: has no {key} ({what}); the file is incomplete or not an SD1.x-layout checkpoint", key);
        if (tensor.Shape.Length < minRank || tensor.Shape.Any(d => d > int.MaxValue))
            throw new CheckpointException(path, $"{path}: {key} ({what}) has shape {tensor.ShapeText}, a weight of at least {minRank} dimension(s) expected; the file is not an SD1.x-layout checkpoint", key);
        return tensor.Shape;
    }

    private static CheckpointException Broken(string path, string what) =>
        new(path, $"{path}: {what}; the file is incomplete or not an SD1.x-layout checkpoint");
}
