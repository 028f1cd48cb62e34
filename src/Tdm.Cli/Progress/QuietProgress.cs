using Tdm.Engine.Video;

namespace Tdm.Cli.Progress;

/// <summary>--progress none: reports nothing (errors are still printed by the command).</summary>
internal sealed class QuietProgress : IRestoreEvents
{
    /// <inheritdoc/>
    public void Started(RestoreStarted run) { }

    /// <inheritdoc/>
    public void Step(RestoreProgress progress) { }

    /// <inheritdoc/>
    public void FrameWritten(int number, string path) { }

    /// <inheritdoc/>
    public void Encoding(string output) { }

    /// <inheritdoc/>
    public void Done(string output, int framesWritten) { }

    /// <inheritdoc/>
    public void Failed(int exitCode, string message) { }
}
