using System.Globalization;
using System.Text;
using Tdm.Engine.Video;

namespace Tdm.Cli.Progress;

/// <summary>
/// Progress for people, on stderr: frames done/total, seconds per frame, time left and the engine's stage. On a
/// terminal the bar is redrawn in place (at most ten times a second); in a log file a line is written every few
/// seconds and at each end.
/// </summary>
internal sealed class ProgressBar(CliConsole console, TimeProvider clock) : IRestoreEvents
{
    private const int BarWidth = 24;
    private static readonly TimeSpan s_terminalInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_logInterval = TimeSpan.FromSeconds(5);

    private readonly ProgressTracker _tracker = new(clock);
    private long _lastDraw = long.MinValue;
    private int _drawnLength;

    /// <inheritdoc/>
    public void Started(RestoreStarted run)
    {
        _tracker.Start(run.FramesTotal, run.FramesSkipped);
        var skipped = run.FramesSkipped > 0 ? $"; {run.FramesSkipped} already written, skipped" : "";
        console.Error.WriteLine($"tdm: restoring frames {run.First}-{run.Last} of '{run.Input}' ({run.Width}x{run.Height}) into '{run.Output}'{skipped}");
    }

    /// <inheritdoc/>
    public void Step(RestoreProgress progress)
    {
        _tracker.Step(progress);
        Draw(force: false);
    }

    /// <inheritdoc/>
    public void FrameWritten(int number, string path)
    {
        _tracker.Frame(number);
        Draw(force: _tracker.FramesDone == _tracker.FramesTotal);
    }

    /// <inheritdoc/>
    public void Encoding(string output)
    {
        EndLine();
        console.Error.WriteLine($"tdm: encoding '{output}'");
    }

    /// <inheritdoc/>
    public void Done(string output, int framesWritten)
    {
        EndLine();
        console.Error.WriteLine(framesWritten == 0
            ? $"tdm: '{output}' is complete; nothing to do (--overwrite renders again)"
            : $"tdm: wrote {framesWritten} frame(s) to '{output}' in {ProgressTracker.Duration(_tracker.Elapsed)}");
    }

    /// <inheritdoc/>
    public void Failed(int exitCode, string message) => EndLine();

    /// <summary>The status text: "[#####-----] 12/32 frames  4.10 s/frame  1m22s left  sampling 12/32".</summary>
    internal string StatusLine()
    {
        var total = Math.Max(1, _tracker.FramesTotal);
        var filled = (int)((long)BarWidth * _tracker.FramesDone / total);
        var text = new StringBuilder()
            .Append('[').Append('#', filled).Append('-', BarWidth - filled).Append("] ")
            .Append(CultureInfo.InvariantCulture, $"{_tracker.FramesDone}/{_tracker.FramesTotal} frames");
        if (_tracker.SecondsPerFrame is { } perFrame)
            text.Append(CultureInfo.InvariantCulture, $"  {perFrame:0.00} s/frame");
        text.Append("  ").Append(ProgressTracker.Duration(_tracker.SecondsLeft)).Append(" left");
        var step = _tracker.LastStep;
        if (step.StepsTotal > 0 && _tracker.FramesDone < _tracker.FramesTotal)
            text.Append(CultureInfo.InvariantCulture, $"  {step.Stage} {step.StepsDone}/{step.StepsTotal}");
        return text.ToString();
    }

    private void Draw(bool force)
    {
        var now = clock.GetTimestamp();
        var interval = console.ErrorIsTerminal ? s_terminalInterval : s_logInterval;
        if (!force && _lastDraw != long.MinValue && clock.GetElapsedTime(_lastDraw, now) < interval)
            return;
        _lastDraw = now;
        var line = StatusLine();
        if (console.ErrorIsTerminal)
        {
            // Pad over the previous, possibly longer, line; no newline until the run ends.
            console.Error.Write("\r" + line.PadRight(_drawnLength));
            _drawnLength = line.Length;
        }
        else
        {
            console.Error.WriteLine("tdm: " + line);
        }
        console.Error.Flush();
    }

    private void EndLine()
    {
        if (console.ErrorIsTerminal && _drawnLength > 0)
            console.Error.WriteLine();
        _drawnLength = 0;
    }
}
