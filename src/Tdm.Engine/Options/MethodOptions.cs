namespace Tdm.Engine.Options;

/// <summary>
/// Every option of the method, each described once (<see cref="MethodOption"/>); the defaults are
/// <see cref="RestoreSettings"/>'s, the paper's: 10 inversion steps, 32 sampling steps, guidance 7.5, ControlNet
/// scale 1, SW-CFA with radius 3; frames restored at full resolution in 512-pixel tiles. The order is the order shells list them.
/// </summary>
public static class MethodOptions
{
    /// <summary>The restoration task (Task Prompt Guidance: it chooses the prompt).</summary>
    public static MethodOption Task { get; } = new("task", "task", "Task",
        "What to remove. The task chooses the prompt that steers the one restoration model (Task Prompt Guidance).",
        OptionKind.Choice, s => s.Task, (s, v) => s with { Task = (RestorationTask)v! })
    {
        Group = "Task",
        Choices =
        [
            new("denoise", "Denoise", RestorationTask.Denoise), new("dehaze", "Dehaze", RestorationTask.Dehaze),
            new("derain", "Derain", RestorationTask.Derain), new("mp4", "MP4 artifacts", RestorationTask.Mp4Artifacts),
            new("sr", "Super-resolution", RestorationTask.SuperResolution), new("custom", "Custom", RestorationTask.Custom),
        ],
    };

    /// <summary>A prompt of the user's own.</summary>
    public static MethodOption Prompt { get; } = new("prompt", "prompt", "Custom prompt",
        "A prompt of your own, e.g. \"remove the noise\": replaces the task's prompt (the custom task needs one).",
        OptionKind.Text, s => s.Prompt, (s, v) => s with { Prompt = string.IsNullOrWhiteSpace((string?)v) ? null : (string)v! }) { Group = "Task" };

    /// <summary>The negative prompt of classifier-free guidance.</summary>
    public static MethodOption NegativePrompt { get; } = new("negative-prompt", "negativePrompt", "Negative prompt",
        "The negative prompt of classifier-free guidance (the paper's is empty).",
        OptionKind.Text, s => s.NegativePrompt, (s, v) => s with { NegativePrompt = (string?)v ?? "" }) { Group = "Task" };

    /// <summary>The super-resolution output scale.</summary>
    public static MethodOption Scale { get; } = new("scale", "outputScale", "Output scale",
        "The output is this many times larger than the input; automatic: 2 for super-resolution, else 1.",
        OptionKind.Choice, s => s.Scale, (s, v) => s with { Scale = (int?)v })
    {
        Group = "Task", IsOptional = true,
        Choices = [new("1", "1x", 1), new("2", "2x", 2), new("4", "4x", 4)],
    };

    /// <summary>The colour fix after decoding.</summary>
    public static MethodOption ColourFix { get; } = new("colour-fix", "colourFix", "Colour fix",
        "Corrects the VAE's colour drift after decoding: wavelet keeps the input's low frequencies, adain matches mean and spread.",
        OptionKind.Choice, s => s.ColourFix, (s, v) => s with { ColourFix = (ColourFix)v! })
    {
        Group = "Task", Aliases = ["color-fix"],
        Choices = [new("none", "None", Engine.ColourFix.None), new("wavelet", "Wavelet", Engine.ColourFix.Wavelet), new("adain", "AdaIN", Engine.ColourFix.AdaIn)],
    };

    /// <summary>How self-attention combines frames.</summary>
    public static MethodOption Temporal { get; } = new("temporal", "temporalMode", "Temporal mode",
        "swcfa: each frame attends to the mean of its neighbours' keys and values (sliding-window cross-frame attention). " +
        "first: every frame attends to the chunk's first. off: frames are independent.",
        OptionKind.Choice, s => s.Temporal, (s, v) => s with { Temporal = (TemporalMode)v! })
    {
        Group = "Temporal",
        Choices =
        [
            new("swcfa", "SW-CFA (sliding window)", TemporalMode.SwCfa), new("first", "First frame as reference", TemporalMode.FirstFrame),
            new("off", "Off", TemporalMode.Off),
        ],
    };

    /// <summary>The SW-CFA window radius.</summary>
    public static MethodOption Radius { get; } = new("radius", "windowRadius", "Window radius",
        "SW-CFA window: the keys and values of frames i-r..i+r are averaged (3 in the paper).",
        OptionKind.Integer, s => s.Radius, (s, v) => s with { Radius = (int)v! })
    {
        Group = "Temporal", Unit = "frames", Minimum = 0, Maximum = 64, DisplayMinimum = 0, DisplayMaximum = 8,
    };

    /// <summary>Frame mixing inside the ControlNet too.</summary>
    public static MethodOption MixInControlNet { get; } = new("mix-controlnet", "mixControlNet", "Mix frames in the ControlNet",
        "Apply the temporal mode in the ControlNet's self-attention too (the reference applies it in the U-Net only).",
        OptionKind.Flag, s => s.MixInControlNet, (s, v) => s with { MixInControlNet = (bool)v! }) { Group = "Temporal" };

    /// <summary>Scene-cut detection: frame mixing stops at cuts.</summary>
    public static MethodOption SceneCuts { get; } = new("scene-cuts", "sceneCuts", "Stop at scene cuts",
        "Split each chunk into shots at scene cuts, so frames attend only to frames of their own shot (windows stop at a cut as at the clip's ends).",
        OptionKind.Flag, s => s.SceneCuts, (s, v) => s with { SceneCuts = (bool)v! }) { Group = "Temporal" };

    /// <summary>The cut detector's threshold.</summary>
    public static MethodOption CutThreshold { get; } = new("cut-threshold", "cutThreshold", "Cut threshold",
        "A cut is where the mean absolute luma difference of consecutive frames, on 32-cell thumbnails in [0, 1], exceeds this. " +
        "Lower finds more cuts; fast fades and flashes may need it higher.",
        OptionKind.Number, s => (double)s.CutThreshold, (s, v) => s with { CutThreshold = (float)(double)v! })
    {
        Group = "Temporal", Minimum = 0.001, Maximum = 1, DisplayMinimum = 0.02, DisplayMaximum = 0.5,
    };

    /// <summary>Frames owned per chunk.</summary>
    public static MethodOption ChunkLength { get; } = new("chunk", "chunkLength", "Chunk length",
        "Frames restored together. Chunks are anchored at the clip's first frame, so every render of a frame gives the same pixels.",
        OptionKind.Integer, s => s.ChunkLength, (s, v) => s with { ChunkLength = (int)v! })
    {
        Group = "Temporal", Unit = "frames", Minimum = 1, Maximum = 256, DisplayMinimum = 4, DisplayMaximum = 64,
    };

    /// <summary>Context frames on each side of a chunk.</summary>
    public static MethodOption Handles { get; } = new("handles", "handles", "Handles",
        "Context frames read on each side of a chunk (clamped to the clip); automatic: the radius with swcfa, else 0.",
        OptionKind.Integer, s => s.Handles, (s, v) => s with { Handles = (int?)v })
    {
        Group = "Temporal", Unit = "frames", IsOptional = true, Minimum = 0, Maximum = 64, DisplayMinimum = 0, DisplayMaximum = 16,
    };

    /// <summary>DDIM inversion steps.</summary>
    public static MethodOption InversionSteps { get; } = new("inversion-steps", "inversionSteps", "Inversion steps",
        "DDIM inversion steps from the degraded frame to its noise (10 in the paper).",
        OptionKind.Integer, s => s.InversionSteps, (s, v) => s with { InversionSteps = (int)v! })
    {
        Unit = "steps", Minimum = 1, Maximum = 1000, DisplayMinimum = 1, DisplayMaximum = 50,
    };

    /// <summary>DDIM sampling steps.</summary>
    public static MethodOption SamplingSteps { get; } = new("steps", "samplingSteps", "Sampling steps",
        "DDIM sampling steps (32 in the paper); fewer is faster and coarser.",
        OptionKind.Integer, s => s.SamplingSteps, (s, v) => s with { SamplingSteps = (int)v! })
    {
        Unit = "steps", Minimum = 1, Maximum = 1000, DisplayMinimum = 4, DisplayMaximum = 100,
    };

    /// <summary>The classifier-free guidance scale.</summary>
    public static MethodOption Guidance { get; } = new("guidance", "guidance", "Guidance",
        "Classifier-free guidance scale (7.5 in the paper); at most 1 turns guidance off.",
        OptionKind.Number, s => (double)s.Guidance, (s, v) => s with { Guidance = (float)(double)v! })
    {
        Minimum = 0, Maximum = 50, DisplayMinimum = 1, DisplayMaximum = 15,
    };

    /// <summary>The ControlNet conditioning scale.</summary>
    public static MethodOption ControlNetScale { get; } = new("controlnet-scale", "controlNetScale", "ControlNet scale",
        "How strongly the degraded frame conditions the result through the ControlNet (1 in the paper).",
        OptionKind.Number, s => (double)s.ControlNetScale, (s, v) => s with { ControlNetScale = (float)(double)v! })
    {
        Minimum = 0, Maximum = 5, DisplayMinimum = 0, DisplayMaximum = 2,
    };

    /// <summary>Inversion conditioned on the task prompt.</summary>
    public static MethodOption InversionWithPrompt { get; } = new("inversion-prompt", "inversionWithPrompt", "Invert with the prompt",
        "DDIM inversion with the task prompt (the reference's reading of the paper); off: with the empty prompt.",
        OptionKind.Flag, s => s.InversionWithPrompt, (s, v) => s with { InversionWithPrompt = (bool)v! });

    /// <summary>Inversion conditioned on the degraded frame through the ControlNet.</summary>
    public static MethodOption InversionWithControlNet { get; } = new("inversion-controlnet", "inversionWithControlNet", "Invert with the ControlNet",
        "DDIM inversion conditioned on the degraded frame through the ControlNet (the reference's reading); off: the U-Net alone.",
        OptionKind.Flag, s => s.InversionWithControlNet, (s, v) => s with { InversionWithControlNet = (bool)v! });

    /// <summary>The processing size's short side.</summary>
    public static MethodOption ShortSide { get; } = new("short-side", "shortSide", "Processing short side",
        "Resize frames so their short side is this (rounded to a multiple of 64; the paper's 512) and back: a fast draft. " +
        "Automatic: full resolution, the output's own size (enlarged only below 512), in tiles.",
        OptionKind.Integer, s => s.ShortSide, (s, v) => s with { ShortSide = (int?)v })
    {
        Group = "Processing", Unit = "px", IsOptional = true, Minimum = 64, Maximum = 4096, DisplayMinimum = 256, DisplayMaximum = 1024,
    };

    /// <summary>The side of the latent tiles.</summary>
    public static MethodOption Tile { get; } = new("tile", "tile", "Tile size",
        "Frames larger than this are processed in overlapping tiles blended at every step; a multiple of 64. Larger tiles " +
        "see more context and cost more memory.",
        OptionKind.Integer, s => s.Tile, (s, v) => s with { Tile = (int)v! })
    {
        Group = "Processing", Unit = "px", Minimum = 128, Maximum = 2048, DisplayMinimum = 256, DisplayMaximum = 1024,
    };

    /// <summary>The overlap of neighbouring tiles.</summary>
    public static MethodOption TileOverlap { get; } = new("tile-overlap", "tileOverlap", "Tile overlap",
        "Least overlap of neighbouring tiles, over which their predictions are blended; a multiple of 8. More overlap " +
        "hides seams better and costs more tiles.",
        OptionKind.Integer, s => s.TileOverlap, (s, v) => s with { TileOverlap = (int)v! })
    {
        Group = "Processing", Unit = "px", Minimum = 0, Maximum = 1024, DisplayMinimum = 0, DisplayMaximum = 256,
    };

    /// <summary>Every option, in the order shells list them.</summary>
    public static IReadOnlyList<MethodOption> All { get; } =
    [
        Task, Prompt, NegativePrompt, Scale, ColourFix, Temporal, Radius, MixInControlNet, SceneCuts, CutThreshold, ChunkLength, Handles,
        InversionSteps, SamplingSteps, Guidance, ControlNetScale, InversionWithPrompt, InversionWithControlNet, ShortSide, Tile, TileOverlap,
    ];

    /// <summary>The option named <paramref name="name"/> (or an alias), or null.</summary>
    public static MethodOption? Named(string name) =>
        All.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));
}
