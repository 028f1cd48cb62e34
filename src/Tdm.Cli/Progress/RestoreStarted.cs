using Tdm.Engine.Video;

namespace Tdm.Cli.Progress;

/// <summary>What a restore run is about to do: from which input, into which output, which frames, how many remain,
/// and how the networks process each frame (the canvas and its tiles).</summary>
internal sealed record RestoreStarted(
    string Input,
    string Output,
    int First,
    int Last,
    int FramesSkipped,
    int Width,
    int Height,
    ProcessingPlan Plan)
{
    /// <summary>Frames in the range.</summary>
    public int FramesTotal => Last - First + 1;
}
