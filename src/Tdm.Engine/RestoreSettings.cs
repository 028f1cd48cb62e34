using System.Text;
using Tdm.Engine.Diffusion;
using Tdm.Engine.Options;

namespace Tdm.Engine;

/// <summary>
/// What a restoration does, chosen per clip. The defaults here are the paper's and the one home of every option's
/// default; names, ranges and help are in <see cref="MethodOptions"/>, which <see cref="Validate"/> checks against.
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

    /// <summary>Split chunks into shots at scene cuts, so frame mixing never crosses a cut.</summary>
    public bool SceneCuts { get; init; } = true;

    /// <summary>The scene-cut score above which consecutive frames are in different shots (mean absolute luma
    /// difference of 32-cell thumbnails, in [0, 1]; PySceneDetect's content detector defaults to a similar 27/255).</summary>
    public float CutThreshold { get; init; } = 0.1f;

    /// <summary>Invert with the task prompt (the reference) rather than the empty prompt.</summary>
    public bool InversionWithPrompt { get; init; } = true;

    /// <summary>Condition inversion on the degraded frame through the ControlNet (the reference).</summary>
    public bool InversionWithControlNet { get; init; } = true;

    /// <summary>Frames owned per chunk (N of the chunk grid).</summary>
    public int ChunkLength { get; init; } = 16;

    /// <summary>Context frames added on each side of a chunk; null: <see cref="EffectiveHandles"/>.</summary>
    public int? Handles { get; init; }

    /// <summary>Resize frames so their short side is this (rounded to multiples of 64: the paper's pre-processing, a
    /// fast draft); null: restore at the output's own size (enlarged only below 512, padded to multiples of 64).</summary>
    public int? ShortSide { get; init; }

    /// <summary>Side of the square tiles larger frames are processed in, in pixels (a multiple of 64).</summary>
    public int Tile { get; init; } = 512;

    /// <summary>Least overlap of neighbouring tiles, in pixels (a multiple of 8).</summary>
    public int TileOverlap { get; init; } = 128;

    /// <summary>Output scale (1, 2 or 4); null: <see cref="EffectiveScale"/>.</summary>
    public int? Scale { get; init; }

    /// <summary>Correction of the VAE's colour drift against the input.</summary>
    public ColourFix ColourFix { get; init; } = ColourFix.None;

    /// <summary>The handles actually used: as given, else the radius with SW-CFA (the window's reach), else 0.</summary>
    public int EffectiveHandles => Handles ?? (Temporal == TemporalMode.SwCfa ? Radius : 0);

    /// <summary>The output scale actually used: as given, else 2 for super-resolution, else 1.</summary>
    public int EffectiveScale => Scale ?? (Task == RestorationTask.SuperResolution ? 2 : 1);

    /// <summary>Checks every value against its <see cref="MethodOption"/>; throws a <see cref="TdmException"/>
    /// (BadArgument) naming the first bad one.</summary>
    public RestoreSettings Validate()
    {
        foreach (var option in MethodOptions.All)
        {
            if (option.Check(option.ValueIn(this)) is { } problem)
                throw new TdmException(TdmErrorKind.BadArgument, problem);
        }
        if (Task == RestorationTask.Custom && string.IsNullOrWhiteSpace(Prompt))
            throw new TdmException(TdmErrorKind.BadArgument, "the custom task needs a prompt");
        if (Tile % 64 != 0)
            throw new TdmException(TdmErrorKind.BadArgument, $"tile must be a multiple of 64 pixels (the U-Net halves a latent tile three times), got {Tile}");
        if (TileOverlap % 8 != 0 || TileOverlap >= Tile)
            throw new TdmException(TdmErrorKind.BadArgument, $"tile-overlap must be a multiple of 8 pixels below the tile ({Tile}), got {TileOverlap}");
        return this;
    }

    /// <summary>
    /// What of these settings determines a chunk's pixels, for the restored-chunk cache: every option's name and
    /// value, written out one by one (never a record's ToString, whose shape is not a contract), and the prompt the
    /// task resolves to under <paramref name="prompts"/>.
    /// </summary>
    internal string CacheKey(Text.TaskPrompts prompts)
    {
        var key = new StringBuilder();
        foreach (var option in MethodOptions.All)
            key.Append(option.Name).Append('=').Append(option.FormatValue(option.ValueIn(this))).Append('\n');
        return key.Append("prompt-text=").Append(prompts.For(Task, Prompt)).ToString();
    }

    /// <summary>The sampler's view of these settings.</summary>
    internal SamplerSettings Sampler => new(InversionSteps, SamplingSteps, Guidance, ControlNetScale, Temporal,
        MixInControlNet ? Temporal : TemporalMode.Off, Radius, InversionWithPrompt, InversionWithControlNet, Tile / 8, TileOverlap / 8);
}
