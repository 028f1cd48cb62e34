using Tdm.Cli.Progress;
using Tdm.Engine.Video;

namespace Tdm.Cli.Tests.Support;

/// <summary>Records what a restore run reported.</summary>
internal sealed class RecordingEvents : IRestoreEvents
{
    public RestoreStarted? Run { get; private set; }

    public List<int> Written { get; } = [];

    public int Steps { get; private set; }

    public bool Encoded { get; private set; }

    public int? DoneWritten { get; private set; }

    public (int Code, string Message)? Failure { get; private set; }

    public void Started(RestoreStarted run) => Run = run;

    public void Step(RestoreProgress progress) => Steps++;

    public void FrameWritten(int number, string path)
    {
        Assert.True(File.Exists(path), $"frame {number} reported written but {path} does not exist");
        Written.Add(number);
    }

    public void Encoding(string output) => Encoded = true;

    public void Done(string output, int framesWritten) => DoneWritten = framesWritten;

    public void Failed(int exitCode, string message) => Failure = (exitCode, message);
}
