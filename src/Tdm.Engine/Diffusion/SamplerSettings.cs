namespace Tdm.Engine.Diffusion;

/// <summary>The method's numerical settings for one chunk: the sampler's view of <see cref="RestoreSettings"/>, where the defaults are.</summary>
/// <param name="InversionSteps">DDIM inversion steps (paper: 10).</param>
/// <param name="SamplingSteps">DDIM sampling steps (paper: 32).</param>
/// <param name="Guidance">Classifier-free guidance scale; at most 1 disables guidance (one batch, prompt only).</param>
/// <param name="ControlNetScale">Multiplies every ControlNet residual.</param>
/// <param name="UNetMixing">Temporal mode of the U-Net's self-attention.</param>
/// <param name="ControlNetMixing">Temporal mode of the ControlNet's self-attention (the reference keeps it off).</param>
/// <param name="Radius">SW-CFA window radius r (paper: 3).</param>
/// <param name="InversionWithPrompt">Invert with the task prompt (the reference) or with the empty prompt.</param>
/// <param name="InversionWithControlNet">Condition inversion on the degraded frame through the ControlNet (the reference).</param>
/// <param name="TileSize">Latent tile side in latent pixels (image pixels / 8; a multiple of 8).</param>
/// <param name="TileOverlap">Least overlap of neighbouring latent tiles, in latent pixels.</param>
internal sealed record SamplerSettings(
    int InversionSteps,
    int SamplingSteps,
    float Guidance,
    float ControlNetScale,
    TemporalMode UNetMixing,
    TemporalMode ControlNetMixing,
    int Radius,
    bool InversionWithPrompt,
    bool InversionWithControlNet,
    int TileSize,
    int TileOverlap)
{
    /// <summary>True when sampling runs the [uncond; cond] double batch.</summary>
    public bool UsesGuidance => Guidance > 1f;
}
