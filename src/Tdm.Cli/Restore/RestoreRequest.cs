using Tdm.Cli.Media;
using Tdm.Cli.Progress;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Restore;

/// <summary>A restore command line, parsed and validated: what to read, where to write, and the engine's settings.</summary>
internal sealed record RestoreRequest
{
    /// <summary>The input: a video file or an image sequence pattern.</summary>
    public required string Input { get; init; }

    /// <summary>The output: a video file or an image sequence pattern.</summary>
    public required string Output { get; init; }

    /// <summary>The input frame numbers to restore; null for all.</summary>
    public FrameRange? Frames { get; init; }

    /// <summary>The method's settings.</summary>
    public required RestoreSettings Settings { get; init; }

    /// <summary>The model folder, ControlNet and tokenizer.</summary>
    public required ModelPaths Model { get; init; }

    /// <summary>Device, cache folder and threads.</summary>
    public required EngineOptions Engine { get; init; }

    /// <summary>How progress is reported.</summary>
    public ProgressMode Progress { get; init; } = ProgressMode.Bar;

    /// <summary>Render frames again even when they exist.</summary>
    public bool Overwrite { get; init; }

    /// <summary>The depth of an image-sequence output; null keeps the input's where the format allows.</summary>
    public SampleDepth? Depth { get; init; }

    /// <summary>The frame rate of an image-sequence input (for a video output); null means 24.</summary>
    public FrameRate? SequenceRate { get; init; }
}
