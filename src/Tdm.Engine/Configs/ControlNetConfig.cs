using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Configs;

/// <summary>
/// A ControlNetModel's config.json: the U-Net encoder's fields plus the conditioning-image embedding. Defaults are
/// diffusers'; <see cref="StableDiffusion15"/> is ControlNet v1.1 for SD1.5.
/// </summary>
internal sealed record ControlNetConfig : UNetEncoderConfig
{
    /// <summary>diffusers' class name.</summary>
    public const string DiffusersClassName = "ControlNetModel";

    /// <summary>ControlNet v1.1 for SD1.5 (lllyasviel/control_v11f1e_sd15_tile's config.json).</summary>
    public static ControlNetConfig StableDiffusion15 { get; } = new() { CrossAttentionDim = 768 };

    /// <inheritdoc/>
    public override string ClassName => DiffusersClassName;

    /// <summary>conditioning_channels: channels of the conditioning image (3, RGB).</summary>
    public int ConditioningChannels { get; init; } = 3;

    /// <summary>conditioning_embedding_out_channels: widths of the conditioning embedding; each step after the
    /// first halves the resolution (4 entries: /8, the latent's scale).</summary>
    public IReadOnlyList<int> ConditioningEmbeddingOutChannels { get; init; } = [16, 32, 96, 256];

    /// <summary>global_pool_conditions: mean-pool each residual (shuffle-style ControlNets); unsupported.</summary>
    public bool GlobalPoolConditions { get; init; }

    /// <summary>controlnet_conditioning_channel_order: "rgb" (supported) or "bgr".</summary>
    public string ConditioningChannelOrder { get; init; } = "rgb";

    /// <summary>The ControlNet that copies <paramref name="unet"/>'s encoder, with this config's conditioning
    /// fields (what diffusers' ControlNetModel.from_unet builds).</summary>
    public static ControlNetConfig FromUNet(UNetConfig unet, IReadOnlyList<int>? conditioningEmbeddingOutChannels = null) => new()
    {
        InChannels = unet.InChannels,
        BlockOutChannels = unet.BlockOutChannels,
        DownBlockTypes = unet.DownBlockTypes,
        LayersPerBlock = unet.LayersPerBlock,
        AttentionHeadDim = unet.AttentionHeadDim,
        NumAttentionHeads = unet.NumAttentionHeads,
        CrossAttentionDim = unet.CrossAttentionDim,
        NormNumGroups = unet.NormNumGroups,
        NormEps = unet.NormEps,
        UseLinearProjection = unet.UseLinearProjection,
        TransformerLayersPerBlock = unet.TransformerLayersPerBlock,
        FlipSinToCos = unet.FlipSinToCos,
        FreqShift = unet.FreqShift,
        MidBlockType = unet.MidBlockType,
        UpcastAttention = unet.UpcastAttention,
        ConditioningEmbeddingOutChannels = conditioningEmbeddingOutChannels ?? [16, 32, 96, 256],
    };

    /// <summary>Reads and validates a ControlNet config.json.</summary>
    public static ControlNetConfig Load(string path) => ConfigReader.Load(path, Read);

    /// <summary>Reads and validates config text; <paramref name="source"/> names it in messages.</summary>
    public static ControlNetConfig Parse(string json, string source) =>
        ConfigReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), source, Read);

    /// <inheritdoc/>
    public override void Validate(string source)
    {
        base.Validate(source);
        ConfigLimits.Check(source, "conditioning_channels", ConditioningChannels, 1, ConfigLimits.MaxImageChannels, "3");
        ConfigLimits.Check(source, "conditioning_embedding_out_channels", ConditioningEmbeddingOutChannels, ConfigLimits.MaxBlocks, 1,
            ConfigLimits.MaxChannels, "[16, 32, 96, 256]");
        if (ConditioningChannels <= 0)
            throw ConfigReader.Unsupported(source, "conditioning_channels", ConditioningChannels, "a positive channel count");
        if (ConditioningEmbeddingOutChannels.Count == 0 || ConditioningEmbeddingOutChannels.Any(c => c <= 0))
            throw ConfigReader.Unsupported(source, "conditioning_embedding_out_channels", ConditioningEmbeddingOutChannels, "a non-empty list of positive channel counts");
        if (GlobalPoolConditions)
            throw ConfigReader.Unsupported(source, "global_pool_conditions", true, "false", "pooled residuals of shuffle-style ControlNets");
        if (ConditioningChannelOrder != "rgb")
            throw ConfigReader.Unsupported(source, "controlnet_conditioning_channel_order", ConditioningChannelOrder, "\"rgb\"");
    }

    /// <inheritdoc/>
    public override string ToJson() => WriteEncoder()
        .Int("conditioning_channels", ConditioningChannels)
        .Ints("conditioning_embedding_out_channels", ConditioningEmbeddingOutChannels)
        .Bool("global_pool_conditions", GlobalPoolConditions)
        .String("controlnet_conditioning_channel_order", ConditioningChannelOrder)
        .ToString();

    private static ControlNetConfig Read(ConfigReader r)
    {
        string? cls = r.NullableString("_class_name");
        if (cls is not (null or DiffusersClassName))
            throw new CheckpointException(r.Path, $"{r.Path}: is a {cls} config, not a {DiffusersClassName} config" +
                (cls == UNetConfig.DiffusersClassName ? ": this is a U-Net; pass the Stable Diffusion model folder as the model" : ""));
        var defaults = new ControlNetConfig();
        var c = ReadEncoder(r, defaults) with
        {
            ConditioningChannels = r.Int("conditioning_channels", defaults.ConditioningChannels),
            ConditioningEmbeddingOutChannels = r.IntList("conditioning_embedding_out_channels", defaults.ConditioningEmbeddingOutChannels),
            GlobalPoolConditions = r.Bool("global_pool_conditions", defaults.GlobalPoolConditions),
            ConditioningChannelOrder = r.String("controlnet_conditioning_channel_order", defaults.ConditioningChannelOrder),
        };
        c.Validate(r.Path);
        return c;
    }
}
