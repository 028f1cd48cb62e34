using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Configs;

/// <summary>
/// An AutoencoderKL's config.json (vae/config.json). Defaults are diffusers' (a one-block toy);
/// <see cref="StableDiffusion15"/> is SD1.5's VAE.
/// </summary>
internal sealed record VaeConfig : IModelConfig
{
    /// <summary>diffusers' class name.</summary>
    public const string DiffusersClassName = "AutoencoderKL";

    /// <summary>The encoder block type.</summary>
    public const string DownEncoderBlock = "DownEncoderBlock2D";

    /// <summary>The decoder block type.</summary>
    public const string UpDecoderBlock = "UpDecoderBlock2D";

    /// <summary>SD1.5's VAE (runwayml/stable-diffusion-v1-5 vae/config.json).</summary>
    public static VaeConfig StableDiffusion15 { get; } = new()
    {
        BlockOutChannels = [128, 256, 512, 512],
        DownBlockTypes = [DownEncoderBlock, DownEncoderBlock, DownEncoderBlock, DownEncoderBlock],
        UpBlockTypes = [UpDecoderBlock, UpDecoderBlock, UpDecoderBlock, UpDecoderBlock],
        LayersPerBlock = 2,
        SampleSize = 512,
    };

    /// <inheritdoc/>
    public string ClassName => DiffusersClassName;

    /// <summary>in_channels of the image (3).</summary>
    public int InChannels { get; init; } = 3;

    /// <summary>out_channels of the decoded image (3).</summary>
    public int OutChannels { get; init; } = 3;

    /// <summary>down_block_types of the encoder.</summary>
    public IReadOnlyList<string> DownBlockTypes { get; init; } = [DownEncoderBlock];

    /// <summary>up_block_types of the decoder.</summary>
    public IReadOnlyList<string> UpBlockTypes { get; init; } = [UpDecoderBlock];

    /// <summary>block_out_channels of the encoder's blocks (the decoder uses them reversed).</summary>
    public IReadOnlyList<int> BlockOutChannels { get; init; } = [64];

    /// <summary>layers_per_block: resnets per encoder block (decoder blocks have one more).</summary>
    public int LayersPerBlock { get; init; } = 1;

    /// <summary>latent_channels (4 for SD).</summary>
    public int LatentChannels { get; init; } = 4;

    /// <summary>norm_num_groups of every GroupNorm.</summary>
    public int NormNumGroups { get; init; } = 32;

    /// <summary>sample_size (informative).</summary>
    public int SampleSize { get; init; } = 32;

    /// <summary>scaling_factor: latent = mean x this (0.18215 for SD1.x).</summary>
    public double ScalingFactor { get; init; } = 0.18215;

    /// <summary>use_quant_conv: a 1x1 conv after the encoder.</summary>
    public bool UseQuantConv { get; init; } = true;

    /// <summary>use_post_quant_conv: a 1x1 conv before the decoder.</summary>
    public bool UsePostQuantConv { get; init; } = true;

    /// <summary>mid_block_add_attention: the mid blocks have a self-attention.</summary>
    public bool MidBlockAddAttention { get; init; } = true;

    /// <summary>force_upcast: run in float32 even when the pipeline is fp16 (SD1.5's VAE overflows in fp16).</summary>
    public bool ForceUpcast { get; init; } = true;

    /// <summary>Reads and validates a VAE config.json.</summary>
    public static VaeConfig Load(string path) => ConfigReader.Load(path, Read);

    /// <summary>Reads and validates config text; <paramref name="source"/> names it in messages.</summary>
    public static VaeConfig Parse(string json, string source) =>
        ConfigReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), source, Read);

    /// <inheritdoc/>
    public void Validate(string source)
    {
        ConfigLimits.Check(source, "block_out_channels", BlockOutChannels, ConfigLimits.MaxBlocks, 1, ConfigLimits.MaxChannels, "[128, 256, 512, 512]");
        ConfigLimits.Check(source, "layers_per_block", LayersPerBlock, 1, ConfigLimits.MaxLayersPerBlock, "2");
        ConfigLimits.Check(source, "in_channels", InChannels, 1, ConfigLimits.MaxImageChannels, "3");
        ConfigLimits.Check(source, "out_channels", OutChannels, 1, ConfigLimits.MaxImageChannels, "3");
        ConfigLimits.Check(source, "latent_channels", LatentChannels, 1, ConfigLimits.MaxImageChannels, "4");
        ConfigLimits.Check(source, "norm_num_groups", NormNumGroups, 1, ConfigLimits.MaxChannels, "32");
        ConfigLimits.Check(source, "sample_size", SampleSize, 1, ConfigLimits.MaxSampleSize, "512");
        ConfigLimits.CheckPositive(source, "scaling_factor", ScalingFactor, ConfigLimits.MaxScalingFactor, "0.18215");
        int n = BlockOutChannels.Count;
        if (n == 0 || BlockOutChannels.Any(c => c <= 0))
            throw ConfigReader.Unsupported(source, "block_out_channels", BlockOutChannels, "a non-empty list of positive channel counts");
        if (DownBlockTypes.Count != n || DownBlockTypes.Any(t => t != DownEncoderBlock))
            throw ConfigReader.Unsupported(source, "down_block_types", "[" + string.Join(", ", DownBlockTypes) + "]", $"{n} x {DownEncoderBlock}");
        if (UpBlockTypes.Count != n || UpBlockTypes.Any(t => t != UpDecoderBlock))
            throw ConfigReader.Unsupported(source, "up_block_types", "[" + string.Join(", ", UpBlockTypes) + "]", $"{n} x {UpDecoderBlock}");
        if (LayersPerBlock <= 0)
            throw ConfigReader.Unsupported(source, "layers_per_block", LayersPerBlock, "a positive integer");
        if (InChannels <= 0 || OutChannels <= 0 || LatentChannels <= 0)
            throw ConfigReader.Unsupported(source, "in/out/latent channels", $"{InChannels}/{OutChannels}/{LatentChannels}", "positive channel counts");
        if (NormNumGroups <= 0 || BlockOutChannels.Any(c => c % NormNumGroups != 0))
            throw ConfigReader.Unsupported(source, "norm_num_groups", NormNumGroups, $"a group count dividing every block's channels [{string.Join(", ", BlockOutChannels)}]");
        if (!(ScalingFactor > 0))
            throw ConfigReader.Unsupported(source, "scaling_factor", ScalingFactor, "a positive factor");
    }

    /// <inheritdoc/>
    public string ToJson() => new ConfigWriter()
        .String("_class_name", ClassName)
        .String("_diffusers_version", ConfigWriter.DiffusersVersion)
        .String("act_fn", "silu")
        .Int("in_channels", InChannels)
        .Int("out_channels", OutChannels)
        .Strings("down_block_types", DownBlockTypes)
        .Strings("up_block_types", UpBlockTypes)
        .Ints("block_out_channels", BlockOutChannels)
        .Int("layers_per_block", LayersPerBlock)
        .Int("latent_channels", LatentChannels)
        .Int("norm_num_groups", NormNumGroups)
        .Int("sample_size", SampleSize)
        .Double("scaling_factor", ScalingFactor)
        .Null("shift_factor")
        .Bool("use_quant_conv", UseQuantConv)
        .Bool("use_post_quant_conv", UsePostQuantConv)
        .Bool("mid_block_add_attention", MidBlockAddAttention)
        .Bool("force_upcast", ForceUpcast)
        .ToString();

    private static VaeConfig Read(ConfigReader r)
    {
        string? cls = r.NullableString("_class_name");
        if (cls is not (null or DiffusersClassName))
            throw new CheckpointException(r.Path, $"{r.Path}: is a {cls} config, not an {DiffusersClassName} (VAE) config");
        r.RequireDefault("act_fn", "activation", "\"silu\"");
        r.RequireDefault("shift_factor", "SD3/Flux-style latent shift", "0");
        r.RequireDefault("latents_mean", "per-channel latent normalisation");
        r.RequireDefault("latents_std", "per-channel latent normalisation");
        var d = new VaeConfig();
        var sample = r.NullableIntList("sample_size"); // int or [h, w]
        var c = d with
        {
            InChannels = r.Int("in_channels", d.InChannels),
            OutChannels = r.Int("out_channels", d.OutChannels),
            DownBlockTypes = r.StringList("down_block_types", d.DownBlockTypes),
            UpBlockTypes = r.StringList("up_block_types", d.UpBlockTypes),
            BlockOutChannels = r.IntList("block_out_channels", d.BlockOutChannels),
            LayersPerBlock = r.Int("layers_per_block", d.LayersPerBlock),
            LatentChannels = r.Int("latent_channels", d.LatentChannels),
            NormNumGroups = r.Int("norm_num_groups", d.NormNumGroups),
            SampleSize = sample is null ? d.SampleSize
                : sample.Count is 1 or 2 ? sample[0] // found by the config fuzzer: [] indexed an empty list
                : throw ConfigReader.Unsupported(r.Path, "sample_size", sample, "one size or [height, width] (SD1.5: 512)"),
            ScalingFactor = r.Double("scaling_factor", d.ScalingFactor),
            UseQuantConv = r.Bool("use_quant_conv", d.UseQuantConv),
            UsePostQuantConv = r.Bool("use_post_quant_conv", d.UsePostQuantConv),
            MidBlockAddAttention = r.Bool("mid_block_add_attention", d.MidBlockAddAttention),
            ForceUpcast = r.Bool("force_upcast", d.ForceUpcast),
        };
        c.Validate(r.Path);
        return c;
    }
}
