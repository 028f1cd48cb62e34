namespace Tdm.Engine.Checkpoints;

/// <summary>The names of the networks a model is made of: the diffusers folder names, used in messages and as
/// <see cref="ComponentWeights.Component"/>.</summary>
internal static class ComponentNames
{
    /// <summary>The denoising U-Net.</summary>
    public const string UNet = "unet";

    /// <summary>The autoencoder.</summary>
    public const string Vae = "vae";

    /// <summary>The CLIP text encoder.</summary>
    public const string TextEncoder = "text_encoder";

    /// <summary>The ControlNet.</summary>
    public const string ControlNet = "controlnet";
}
