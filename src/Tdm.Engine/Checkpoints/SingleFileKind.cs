namespace Tdm.Engine.Checkpoints;

/// <summary>What a single .safetensors file holds, judged from its key names.</summary>
internal enum SingleFileKind
{
    /// <summary>A whole Stable Diffusion model in the LDM layout (U-Net, VAE, text encoder).</summary>
    StableDiffusion,

    /// <summary>An lllyasviel-layout ControlNet (with or without "control_model.").</summary>
    ControlNet,

    /// <summary>One network in diffusers naming (a file taken out of a diffusers folder).</summary>
    DiffusersNetwork,

    /// <summary>Something else: another family, a LoRA, a lone VAE, unknown.</summary>
    Other,
}
