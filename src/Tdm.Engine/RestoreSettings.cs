using Tdm.Engine.Diffusion;

namespace Tdm.Engine;

/// <summary>
/// What a restoration does, chosen per clip. Defaults are the paper's: 10 inversion steps, 32 sampling steps,
/// guidance 7.5, ControlNet scale 1, SW-CFA with radius 3, processing at a short side of 512.
/// </summary>
public sealed record RestoreSettings
{
    /// <summary>The restoration task; its prompt steers the one model (Task Prompt Guidance).</summary>
    public RestorationTask Task { get; init; } = RestorationTask.Denoise;

    /// <summary>A prompt that replaces the task's (required for <see cref="RestorationTask.Custom"/>).</summary>
    public string? Prompt { get; init; }

    /// <summary>The negative prompt of classifier-free guidance (the reference uses the empty prompt).</summary>
    public string NegativePrompt { get; init; } = "";

    /// <summary>DDIM inversion steps.</summary>
    public int InversionSteps { get; init; } = 10;

    /// <summary>DDIM sampling steps.</summary>
    public int SamplingSteps { get; init; } = 32;

    /// <summary>Classifier-free guidance scale (at most 1: no guidance).</summary>
    public float Guidance { get; init; } = 7.5f;

    /// <summary>Multiplies the ControlNet's residuals.</summary>
    public float ControlNetScale { get; init; } = 1f;

    /// <summary>Temporal attention mode of the U-Net.</summary>
    public TemporalMode Temporal { get; init; } = TemporalMode.SwCfa;

    /// <summary>SW-CFA window radius r.</summary>
    public int Radius { get; init; } = 3;

    /// <summary>Also mix frames in the ControlNet's self-attention.</summary>
    public bool MixInControlNet { get; init; }

    /// <summary>Frames owned per chunk (N of the chunk grid).</summary>
    public int ChunkLength { get; init; } = 16;

    /// <summary>Context frames added on each side of a chunk; null: the radius.</summary>
    public int? Handles { get; init; }

    /// <summary>The processing size's short side (multiples of 64 are used).</summary>
    public int ShortSide { get; init; } = 512;

    /// <summary>Super-resolution factor: the output is this many times larger (1, 2 or 4).</summary>
    public int Scale { get; init; } = 1;

    /// <summary>Correction of the VAE's colour drift against the input.</summary>
    public ColourFix ColourFix { get; init; } = ColourFix.None;

    /// <summary>The handles actually used.</summary>
    public int EffectiveHandles => Handles ?? (Temporal == TemporalMode.SwCfa ? Radius : 0);

    /// <summary>Checks every value; throws a <see cref="TdmException"/> (BadArgument) naming the first bad one.</summary>
    public RestoreSettings Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok)
                throw new TdmException(TdmErrorKind.BadArgument, message);
        }
        Require(Task != RestorationTask.Custom || !string.IsNullOrWhiteSpace(Prompt), "the custom task needs a prompt");
        Require(InversionSteps is >= 1 and <= 1000, $"inversion steps must be 1..1000, got {InversionSteps}");
        Require(SamplingSteps is >= 1 and <= 1000, $"sampling steps must be 1..1000, got {SamplingSteps}");
        Require(float.IsFinite(Guidance) && Guidance is >= 0 and <= 50, $"guidance must be 0..50, got {Guidance}");
        Require(float.IsFinite(ControlNetScale) && ControlNetScale is >= 0 and <= 5, $"ControlNet scale must be 0..5, got {ControlNetScale}");
        Require(Radius is >= 0 and <= 64, $"window radius must be 0..64, got {Radius}");
        Require(ChunkLength is >= 1 and <= 256, $"chunk length must be 1..256, got {ChunkLength}");
        Require(Handles is null or (>= 0 and <= 64), $"handles must be 0..64, got {Handles}");
        Require(ShortSide is >= 64 and <= 4096, $"processing short side must be 64..4096, got {ShortSide}");
        Require(Scale is 1 or 2 or 4, $"scale must be 1, 2 or 4, got {Scale}");
        return this;
    }

    /// <summary>The sampler's view of these settings.</summary>
    internal SamplerSettings Sampler => new(InversionSteps, SamplingSteps, Guidance, ControlNetScale, Temporal,
        MixInControlNet ? Temporal : TemporalMode.Off, Radius);
}
