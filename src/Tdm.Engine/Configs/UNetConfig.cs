using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Configs;

/// <summary>
/// A UNet2DConditionModel's config.json (unet/config.json). Defaults are diffusers'; <see cref="StableDiffusion15"/>
/// is SD1.5's. Up block i mirrors down block n-1-i (diffusers' layout).
/// </summary>
internal sealed record UNetConfig : UNetEncoderConfig
{
    /// <summary>diffusers' class name.</summary>
    public const string DiffusersClassName = "UNet2DConditionModel";

    /// <summary>An up block with resnets and cross-attention transformers.</summary>
    public const string CrossAttnUpBlock = "CrossAttnUpBlock2D";

    /// <summary>An up block with resnets only.</summary>
    public const string UpBlock = "UpBlock2D";

    /// <summary>SD1.5's U-Net (runwayml/stable-diffusion-v1-5 unet/config.json).</summary>
    public static UNetConfig StableDiffusion15 { get; } = new() { CrossAttentionDim = 768, SampleSize = 64 };

    /// <inheritdoc/>
    public override string ClassName => DiffusersClassName;

    /// <summary>out_channels of conv_out.</summary>
    public int OutChannels { get; init; } = 4;

    /// <summary>up_block_types, one per down block, deepest first.</summary>
    public IReadOnlyList<string> UpBlockTypes { get; init; } = [UpBlock, CrossAttnUpBlock, CrossAttnUpBlock, CrossAttnUpBlock];

    /// <summary>conv_in_kernel (odd).</summary>
    public int ConvInKernel { get; init; } = 3;

    /// <summary>conv_out_kernel (odd).</summary>
    public int ConvOutKernel { get; init; } = 3;

    /// <summary>sample_size: the latent size the model was trained at (informative; any multiple of 8 runs).</summary>
    public int? SampleSize { get; init; }

    /// <summary>True when up block <paramref name="block"/> has attentions.</summary>
    public bool UpBlockHasAttention(int block) => UpBlockTypes[block] == CrossAttnUpBlock;

    /// <summary>Heads of up block <paramref name="block"/> (the down list reversed, as in diffusers).</summary>
    public int HeadsOfUpBlock(int block) => AttentionHeads[BlockOutChannels.Count - 1 - block];

    /// <summary>Reads and validates a U-Net config.json.</summary>
    public static UNetConfig Load(string path) => ConfigReader.Load(path, Read);

    /// <summary>Reads and validates config text; <paramref name="source"/> names it in messages.</summary>
    public static UNetConfig Parse(string json, string source) =>
        ConfigReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), source, Read);

    /// <inheritdoc/>
    public override void Validate(string source)
    {
        base.Validate(source);
        ConfigLimits.Check(source, "out_channels", OutChannels, 1, ConfigLimits.MaxImageChannels, "4");
        ConfigLimits.Check(source, "conv_in_kernel", ConvInKernel, 1, ConfigLimits.MaxKernel, "3");
        ConfigLimits.Check(source, "conv_out_kernel", ConvOutKernel, 1, ConfigLimits.MaxKernel, "3");
        if (SampleSize is { } size)
            ConfigLimits.Check(source, "sample_size", size, 1, ConfigLimits.MaxSampleSize, "64");
        if (UpBlockTypes.Count != BlockOutChannels.Count)
            throw ConfigReader.Unsupported(source, "up_block_types", $"a list of {UpBlockTypes.Count}", $"one type per down block ({BlockOutChannels.Count})");
        foreach (string t in UpBlockTypes)
            if (t is not (CrossAttnUpBlock or UpBlock))
                throw ConfigReader.Unsupported(source, "up_block_types", t, $"{CrossAttnUpBlock} and {UpBlock} (SD1.x)");
        if (OutChannels <= 0)
            throw ConfigReader.Unsupported(source, "out_channels", OutChannels, "a positive channel count");
        if (ConvInKernel <= 0 || ConvInKernel % 2 == 0)
            throw ConfigReader.Unsupported(source, "conv_in_kernel", ConvInKernel, "an odd kernel size");
        if (ConvOutKernel <= 0 || ConvOutKernel % 2 == 0)
            throw ConfigReader.Unsupported(source, "conv_out_kernel", ConvOutKernel, "an odd kernel size");
    }

    /// <inheritdoc/>
    public override string ToJson() => WriteEncoder()
        .Int("out_channels", OutChannels)
        .Strings("up_block_types", UpBlockTypes)
        .Int("conv_in_kernel", ConvInKernel)
        .Int("conv_out_kernel", ConvOutKernel)
        .Int("sample_size", SampleSize)
        .String("time_embedding_type", "positional")
        .ToString();

    private static UNetConfig Read(ConfigReader r)
    {
        string? cls = r.NullableString("_class_name");
        if (cls is not (null or DiffusersClassName))
            throw new CheckpointException(r.Path, $"{r.Path}: is a {cls} config, not a {DiffusersClassName} (U-Net) config" +
                (cls == ControlNetConfig.DiffusersClassName ? ": this is a ControlNet; pass its folder as the ControlNet" : ""));
        r.RequireDefault("center_input_sample", "input centring", "false");
        r.RequireDefault("time_embedding_type", "Fourier time embedding", "\"positional\"");
        r.RequireDefault("time_embedding_dim", "custom time embedding width");
        r.RequireDefault("time_embedding_act_fn", "time embedding activation");
        r.RequireDefault("timestep_post_act", "time embedding activation");
        r.RequireDefault("cross_attention_norm", "cross-attention normalisation");
        r.RequireDefault("class_embeddings_concat", "class-conditioned U-Net", "false");
        r.RequireDefault("mid_block_only_cross_attention", "attention without self-attention", "false");
        r.RequireDefault("resnet_skip_time_act", "resnet time activation", "false");
        r.RequireDefault("resnet_out_scale_factor", "resnet output scale", "1");
        r.RequireDefault("reverse_transformer_layers_per_block", "per-block transformer depth");
        r.RequireDefault("addition_time_embed_dim", "SDXL-style added time embedding");
        var defaults = new UNetConfig();
        var c = ReadEncoder(r, defaults) with
        {
            OutChannels = r.Int("out_channels", defaults.OutChannels),
            UpBlockTypes = r.StringList("up_block_types", defaults.UpBlockTypes),
            ConvInKernel = r.Int("conv_in_kernel", defaults.ConvInKernel),
            ConvOutKernel = r.Int("conv_out_kernel", defaults.ConvOutKernel),
            SampleSize = r.NullableInt("sample_size"),
        };
        c.Validate(r.Path);
        return c;
    }
}
