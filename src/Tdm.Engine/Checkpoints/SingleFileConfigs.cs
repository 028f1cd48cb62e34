using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// Configs to use for a single-file checkpoint instead of the architecture detected from its weights (what
/// diffusers' <c>from_single_file(config=...)</c> takes). Each given config is checked against the weights on every
/// field the shapes tell; it contributes what shapes cannot tell: attention heads and GroupNorm groups (and
/// scaling factor, sample size). Real SD1.5 files need none (SD1.5's values are assumed); the tiny golden models
/// need theirs (8 groups in the U-Net, 4 in the VAE, 4 text-encoder heads).
/// </summary>
internal sealed record SingleFileConfigs
{
    /// <summary>The U-Net's config, or null to detect it.</summary>
    public UNetConfig? UNet { get; init; }

    /// <summary>The VAE's config, or null to detect it.</summary>
    public VaeConfig? Vae { get; init; }

    /// <summary>The text encoder's config, or null to detect it.</summary>
    public ClipTextConfig? TextEncoder { get; init; }

    /// <summary>The ControlNet's config, or null to detect it.</summary>
    public ControlNetConfig? ControlNet { get; init; }

    /// <summary>
    /// Reads the configs a diffusers folder has: unet/, vae/, text_encoder/ and controlnet/config.json, or, for a
    /// ControlNet folder, its config.json. Throws when the folder has none of them.
    /// </summary>
    public static SingleFileConfigs FromFolder(string folder)
    {
        folder = Path.GetFullPath(folder);
        string? Existing(params string[] parts)
        {
            string path = Path.Combine([folder, .. parts]);
            return File.Exists(path) ? path : null;
        }
        string? controlNet = Existing(ComponentNames.ControlNet, DiffusersFolder.ConfigFile)
            ?? (DiffusersFolder.ConfigClassName(folder) == ControlNetConfig.DiffusersClassName ? Existing(DiffusersFolder.ConfigFile) : null);
        var configs = new SingleFileConfigs
        {
            UNet = Existing(ComponentNames.UNet, DiffusersFolder.ConfigFile) is { } u ? UNetConfig.Load(u) : null,
            Vae = Existing(ComponentNames.Vae, DiffusersFolder.ConfigFile) is { } v ? VaeConfig.Load(v) : null,
            TextEncoder = Existing(ComponentNames.TextEncoder, DiffusersFolder.ConfigFile) is { } t ? ClipTextConfig.Load(t) : null,
            ControlNet = controlNet != null ? ControlNetConfig.Load(controlNet) : null,
        };
        if (configs is { UNet: null, Vae: null, TextEncoder: null, ControlNet: null })
            throw new CheckpointException(folder, $"{folder}: has no unet/, vae/, text_encoder/ or controlnet/ config.json (nor a ControlNet config.json) to take configs from");
        return configs;
    }
}
