using Tdm.Dataset.Media;

namespace Tdm.Cli.Media;

/// <summary>
/// What ffprobe says about an input (a video file, or an image sequence), as much as reading and writing need.
/// Frame numbers: a video's frames are numbered from 0; a sequence's are the numbers in its file names, from
/// <see cref="FirstNumber"/> without gaps.
/// </summary>
internal sealed record MediaInfo
{
    /// <summary>The input as given: a file, or a sequence pattern.</summary>
    public required string Path { get; init; }

    /// <summary>The sequence pattern when the input is an image sequence; null for a video file.</summary>
    public SequencePattern? Sequence { get; init; }

    /// <summary>Picture width in pixels, after the container's rotation is applied.</summary>
    public required int Width { get; init; }

    /// <summary>Picture height in pixels, after the container's rotation is applied.</summary>
    public required int Height { get; init; }

    /// <summary>How many frames there are.</summary>
    public required int FrameCount { get; init; }

    /// <summary>The number of the first frame (0 for a video).</summary>
    public int FirstNumber { get; init; }

    /// <summary>The number of the last frame.</summary>
    public int LastNumber => FirstNumber + FrameCount - 1;

    /// <summary>The frame rate (for a sequence: the one the user gave, 24 by default).</summary>
    public required FrameRate Rate { get; init; }

    /// <summary>Whether the container says the frame rate varies (r_frame_rate differs from avg_frame_rate).</summary>
    public bool VariableRate { get; init; }

    /// <summary>Seconds from the container's start to the first video frame (the -ss origin).</summary>
    public double VideoStartOffset { get; init; }

    /// <summary>ffmpeg's name of the stored pixel format ("yuv420p10le", "rgba64be").</summary>
    public required string PixelFormat { get; init; }

    /// <summary>Bits per channel sample of the stored pixels.</summary>
    public required SampleDepth Depth { get; init; }

    /// <summary>Whether the stored pixels carry alpha.</summary>
    public bool HasAlpha { get; init; }

    /// <summary>The video codec ("h264", "prores", "png").</summary>
    public string? Codec { get; init; }

    /// <summary>The codec profile as ffprobe names it ("High", "HQ"); null when not given.</summary>
    public string? Profile { get; init; }

    /// <summary>The colour matrix tag ("bt709"); null when untagged.</summary>
    public string? ColorSpace { get; init; }

    /// <summary>The colour primaries tag ("bt709"); null when untagged.</summary>
    public string? ColorPrimaries { get; init; }

    /// <summary>The transfer characteristic tag ("bt709"); null when untagged.</summary>
    public string? ColorTransfer { get; init; }

    /// <summary>The range tag ("tv" or "pc"); null when untagged.</summary>
    public string? ColorRange { get; init; }

    /// <summary>The audio codec of the first audio stream; null when there is no audio.</summary>
    public string? AudioCodec { get; init; }

    /// <summary>Whether there is an audio stream to copy through.</summary>
    public bool HasAudio => AudioCodec is not null;
}
