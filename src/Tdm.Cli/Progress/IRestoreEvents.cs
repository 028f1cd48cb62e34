using Tdm.Engine.Video;

namespace Tdm.Cli.Progress;

/// <summary>
/// What a restore run reports, in order: Started, then Step and FrameWritten as work proceeds, Encoding for a video
/// output, then Done or Failed. Implementations draw a bar, write JSON lines, or stay quiet.
/// </summary>
internal interface IRestoreEvents
{
    /// <summary>The run's plan is known (frames already written are counted as skipped).</summary>
    void Started(RestoreStarted run);

    /// <summary>The engine advanced (diffusion steps within the current frames).</summary>
    void Step(RestoreProgress progress);

    /// <summary>Frame <paramref name="number"/> is complete at <paramref name="path"/>.</summary>
    void FrameWritten(int number, string path);

    /// <summary>All frames exist; the video file is being encoded.</summary>
    void Encoding(string output);

    /// <summary>The run finished.</summary>
    void Done(string output, int framesWritten);

    /// <summary>The run stopped with <paramref name="exitCode"/>; <paramref name="message"/> says why.</summary>
    void Failed(int exitCode, string message);
}
