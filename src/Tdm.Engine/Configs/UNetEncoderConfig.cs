using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Configs;

/// <summary>
/// The fields a U-Net and a ControlNet share: the time embedding, the down blocks and the mid block (a ControlNet
/// is a copy of the U-Net's encoder). Defaults are diffusers'. Supported: SD1.x's structure (CrossAttnDownBlock2D /
/// DownBlock2D, UNetMidBlock2DCrossAttn, 1x1-conv projections, one transformer layer per block) at any width.
/// </summary>
internal abstract record UNetEncoderConfig : IModelConfig
{
    /// <summary>A down block with resnets and cross-attention transformers.</summary>
    public const string CrossAttnDownBlock = "CrossAttnDownBlock2D";

    /// <summary>A down block with resnets only.</summary>
    public const string DownBlock = "DownBlock2D";

    /// <summary>The mid block type SD1.x uses.</summary>
    public const string CrossAttnMidBlock = "UNetMidBlock2DCrossAttn";

    /// <inheritdoc/>
    public abstract string ClassName { get; }

    /// <summary>in_channels: latent channels fed to conv_in.</summary>
    public int InChannels { get; init; } = 4;

    /// <summary>block_out_channels: channels of each down block (conv_in gives the first).</summary>
    public IReadOnlyList<int> BlockOutChannels { get; init; } = [320, 640, 1280, 1280];

    /// <summary>down_block_types, one per entry of <see cref="BlockOutChannels"/>.</summary>
    public IReadOnlyList<string> DownBlockTypes { get; init; } = [CrossAttnDownBlock, CrossAttnDownBlock, CrossAttnDownBlock, DownBlock];

    /// <summary>layers_per_block: resnets per down block (up blocks have one more).</summary>
    public int LayersPerBlock { get; init; } = 2;

    /// <summary>attention_head_dim as written: one value or one per down block. Despite its name diffusers uses it
    /// as the NUMBER of heads when num_attention_heads is null (see <see cref="AttentionHeads"/>).</summary>
    public IReadOnlyList<int> AttentionHeadDim { get; init; } = [8];

    /// <summary>num_attention_heads as written (usually null).</summary>
    public IReadOnlyList<int>? NumAttentionHeads { get; init; }

    /// <summary>cross_attention_dim: width of the text embeddings (768 for SD1.x, 1024 for SD2.x).</summary>
    public int CrossAttentionDim { get; init; } = 1280;

    /// <summary>norm_num_groups of every GroupNorm.</summary>
    public int NormNumGroups { get; init; } = 32;

    /// <summary>norm_eps of the resnets' GroupNorms.</summary>
    public double NormEps { get; init; } = 1e-5;

    /// <summary>use_linear_projection: Linear proj_in/proj_out (SD2.x) instead of 1x1 convs; unsupported.</summary>
    public bool UseLinearProjection { get; init; }

    /// <summary>transformer_layers_per_block: one value or one per down block.</summary>
    public IReadOnlyList<int> TransformerLayersPerBlock { get; init; } = [1];

    /// <summary>flip_sin_to_cos of the sinusoidal timestep embedding ([cos, sin] when true).</summary>
    public bool FlipSinToCos { get; init; } = true;

    /// <summary>freq_shift of the sinusoidal timestep embedding.</summary>
    public int FreqShift { get; init; }

    /// <summary>mid_block_type.</summary>
    public string MidBlockType { get; init; } = CrossAttnMidBlock;

    /// <summary>upcast_attention: compute attention scores in float32 (matters for fp16 only).</summary>
    public bool UpcastAttention { get; init; }

    /// <summary>Heads of each down block: diffusers' <c>num_attention_heads or attention_head_dim</c>, expanded to
    /// one entry per block.</summary>
    public IReadOnlyList<int> AttentionHeads => Expand(NumAttentionHeads ?? AttentionHeadDim);

    /// <summary>Heads of down block <paramref name="block"/>.</summary>
    public int HeadsOfDownBlock(int block) => AttentionHeads[block];

    /// <summary>Heads of the mid block (the last down block's, as in diffusers).</summary>
    public int MidBlockHeads => AttentionHeads[^1];

    /// <summary>Width of the time embedding (4 x the first block's channels).</summary>
    public int TimeEmbeddingDim => 4 * BlockOutChannels[0];

    /// <summary>True when down block <paramref name="block"/> has attentions.</summary>
    public bool DownBlockHasAttention(int block) => DownBlockTypes[block] == CrossAttnDownBlock;

    /// <inheritdoc/>
    public virtual void Validate(string source)
    {
        ConfigLimits.Check(source, "block_out_channels", BlockOutChannels, ConfigLimits.MaxBlocks, 1, ConfigLimits.MaxChannels, "[320, 640, 1280, 1280]");
        ConfigLimits.Check(source, "in_channels", InChannels, 1, ConfigLimits.MaxImageChannels, "4");
        ConfigLimits.Check(source, "layers_per_block", LayersPerBlock, 1, ConfigLimits.MaxLayersPerBlock, "2");
        ConfigLimits.Check(source, "attention_head_dim", AttentionHeadDim, ConfigLimits.MaxBlocks, 1, ConfigLimits.MaxHeads, "8");
        if (NumAttentionHeads != null)
            ConfigLimits.Check(source, "num_attention_heads", NumAttentionHeads, ConfigLimits.MaxBlocks, 1, ConfigLimits.MaxHeads, "null");
        ConfigLimits.Check(source, "transformer_layers_per_block", TransformerLayersPerBlock, ConfigLimits.MaxBlocks, 1, ConfigLimits.MaxLayersPerBlock, "1");
        ConfigLimits.Check(source, "cross_attention_dim", CrossAttentionDim, 1, ConfigLimits.MaxChannels, "768");
        ConfigLimits.Check(source, "norm_num_groups", NormNumGroups, 1, ConfigLimits.MaxChannels, "32");
        ConfigLimits.CheckPositive(source, "norm_eps", NormEps, ConfigLimits.MaxEpsilon, "1e-5");
        // The time embedding divides by (half its width - freq_shift): diffusers' models use 0 or 1.
        ConfigLimits.Check(source, "freq_shift", FreqShift, 0, 1, "0");
        int n = BlockOutChannels.Count;
        if (n == 0 || BlockOutChannels.Any(c => c <= 0))
            throw ConfigReader.Unsupported(source, "block_out_channels", BlockOutChannels, "a non-empty list of positive channel counts");
        if (DownBlockTypes.Count != n)
            throw ConfigReader.Unsupported(source, "down_block_types", $"a list of {DownBlockTypes.Count}", $"one type per block_out_channels entry ({n})");
        foreach (string t in DownBlockTypes)
            if (t is not (CrossAttnDownBlock or DownBlock))
                throw ConfigReader.Unsupported(source, "down_block_types", t, $"{CrossAttnDownBlock} and {DownBlock} (SD1.x)");
        if (InChannels <= 0)
            throw ConfigReader.Unsupported(source, "in_channels", InChannels, "a positive channel count");
        if (LayersPerBlock <= 0)
            throw ConfigReader.Unsupported(source, "layers_per_block", LayersPerBlock, "a positive integer");
        CheckPerBlock(source, "attention_head_dim", AttentionHeadDim, n);
        if (NumAttentionHeads != null)
            CheckPerBlock(source, "num_attention_heads", NumAttentionHeads, n);
        for (int i = 0; i < n; i++)
            if ((DownBlockHasAttention(i) || i == n - 1) && BlockOutChannels[i] % AttentionHeads[i] != 0)
                throw ConfigReader.Unsupported(source, "attention heads", AttentionHeads[i],
                    $"a head count that divides the block's {BlockOutChannels[i]} channels (block {i})");
        CheckPerBlock(source, "transformer_layers_per_block", TransformerLayersPerBlock, n);
        if (TransformerLayersPerBlock.Any(l => l != 1))
            throw ConfigReader.Unsupported(source, "transformer_layers_per_block", TransformerLayersPerBlock, "1 (SD1.x; more layers are SDXL-style)");
        if (CrossAttentionDim <= 0)
            throw ConfigReader.Unsupported(source, "cross_attention_dim", CrossAttentionDim, "a positive width");
        if (NormNumGroups <= 0 || BlockOutChannels.Any(c => c % NormNumGroups != 0))
            throw ConfigReader.Unsupported(source, "norm_num_groups", NormNumGroups, $"a group count dividing every block's channels [{string.Join(", ", BlockOutChannels)}]");
        if (!(NormEps > 0))
            throw ConfigReader.Unsupported(source, "norm_eps", NormEps, "a positive epsilon");
        if (UseLinearProjection)
            throw ConfigReader.Unsupported(source, "use_linear_projection", true, "false (1x1-conv proj_in/proj_out of SD1.x)", "Linear projections as in SD 2.x");
        if (MidBlockType != CrossAttnMidBlock)
            throw ConfigReader.Unsupported(source, "mid_block_type", MidBlockType, CrossAttnMidBlock);
    }

    /// <inheritdoc/>
    public abstract string ToJson();

    /// <summary>Reads the shared fields over <paramref name="defaults"/> and refuses the diffusers options that
    /// change the network in ways TDM does not build (SDXL's added conditioning, LCM's time conditioning, ...).</summary>
    private protected static T ReadEncoder<T>(ConfigReader r, T defaults) where T : UNetEncoderConfig
    {
        r.RequireDefault("act_fn", "activation", "\"silu\"");
        r.RequireDefault("resnet_time_scale_shift", "scale-shift time conditioning", "\"default\"");
        r.RequireDefault("class_embed_type", "class-conditioned U-Net");
        r.RequireDefault("num_class_embeds", "class-conditioned U-Net");
        r.RequireDefault("addition_embed_type", "SDXL-style added conditioning");
        r.RequireDefault("encoder_hid_dim", "projected encoder states");
        r.RequireDefault("encoder_hid_dim_type", "projected encoder states");
        r.RequireDefault("time_cond_proj_dim", "LCM-style guidance embedding");
        r.RequireDefault("only_cross_attention", "attention without self-attention", "false");
        r.RequireDefault("dual_cross_attention", "dual cross-attention", "false");
        r.RequireDefault("downsample_padding", "downsampler padding", "1");
        r.RequireDefault("mid_block_scale_factor", "mid-block output scale", "1");
        r.RequireDefault("attention_type", "gated attention", "\"default\"");
        var read = defaults with
        {
            InChannels = r.Int("in_channels", defaults.InChannels),
            BlockOutChannels = r.IntList("block_out_channels", defaults.BlockOutChannels),
            DownBlockTypes = r.StringList("down_block_types", defaults.DownBlockTypes),
            LayersPerBlock = ReadLayersPerBlock(r, defaults.LayersPerBlock),
            AttentionHeadDim = r.IntList("attention_head_dim", defaults.AttentionHeadDim),
            NumAttentionHeads = r.NullableIntList("num_attention_heads") ?? defaults.NumAttentionHeads,
            CrossAttentionDim = r.Int("cross_attention_dim", defaults.CrossAttentionDim),
            NormNumGroups = r.Int("norm_num_groups", defaults.NormNumGroups),
            NormEps = r.Double("norm_eps", defaults.NormEps),
            UseLinearProjection = r.Bool("use_linear_projection", defaults.UseLinearProjection),
            TransformerLayersPerBlock = r.IntList("transformer_layers_per_block", defaults.TransformerLayersPerBlock),
            FlipSinToCos = r.Bool("flip_sin_to_cos", defaults.FlipSinToCos),
            FreqShift = r.Int("freq_shift", defaults.FreqShift),
            MidBlockType = r.String("mid_block_type", defaults.MidBlockType),
            UpcastAttention = r.Bool("upcast_attention", defaults.UpcastAttention),
        };
        return (T)read;
    }

    /// <summary>Writes the shared fields plus the class name.</summary>
    private protected ConfigWriter WriteEncoder() => new ConfigWriter()
        .String("_class_name", ClassName)
        .String("_diffusers_version", ConfigWriter.DiffusersVersion)
        .String("act_fn", "silu")
        .Int("in_channels", InChannels)
        .Ints("block_out_channels", BlockOutChannels)
        .Strings("down_block_types", DownBlockTypes)
        .Int("layers_per_block", LayersPerBlock)
        .IntOrInts("attention_head_dim", AttentionHeadDim)
        .IntOrInts("num_attention_heads", NumAttentionHeads)
        .Int("cross_attention_dim", CrossAttentionDim)
        .Int("norm_num_groups", NormNumGroups)
        .Double("norm_eps", NormEps)
        .Bool("use_linear_projection", UseLinearProjection)
        .IntOrInts("transformer_layers_per_block", TransformerLayersPerBlock)
        .Bool("flip_sin_to_cos", FlipSinToCos)
        .Int("freq_shift", FreqShift)
        .String("mid_block_type", MidBlockType)
        .Bool("upcast_attention", UpcastAttention)
        .Int("downsample_padding", 1)
        .Int("mid_block_scale_factor", 1)
        .String("resnet_time_scale_shift", "default");

    private IReadOnlyList<int> Expand(IReadOnlyList<int> values) =>
        values.Count == 1 ? Enumerable.Repeat(values[0], BlockOutChannels.Count).ToArray() : values;

    private static void CheckPerBlock(string source, string field, IReadOnlyList<int> values, int blocks)
    {
        if (values.Count != 1 && values.Count != blocks)
            throw ConfigReader.Unsupported(source, field, values, $"one value or one per block ({blocks})");
        if (values.Any(v => v <= 0))
            throw ConfigReader.Unsupported(source, field, values, "positive values");
    }

    // diffusers allows a per-block list here; SD1.x has one number and the single-file key layout assumes it.
    private static int ReadLayersPerBlock(ConfigReader r, int fallback)
    {
        var list = r.NullableIntList("layers_per_block");
        if (list == null)
            return fallback;
        if (list.Distinct().Count() != 1)
            throw ConfigReader.Unsupported(r.Path, "layers_per_block", list, "one number for every block");
        return list[0];
    }
}
