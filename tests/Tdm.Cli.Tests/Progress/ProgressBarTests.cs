using Tdm.Cli.Progress;
using Tdm.Cli.Tests.Support;
using Tdm.Engine.Video;

namespace Tdm.Cli.Tests.Progress;

public class ProgressBarTests
{
    [Fact]
    public void Terminal_RedrawsInPlace()
    {
        var error = new StringWriter();
        var clock = new FakeClock();
        var bar = new ProgressBar(new CliConsole(new StringWriter(), error, errorIsTerminal: true), clock);
        bar.Started(new RestoreStarted("in.mp4", "out.mp4", 0, 3, 0, 64, 32, new ProcessingPlan(64, 64, [(0, 0, 64, 64)])));

        clock.Advance(TimeSpan.FromSeconds(4));
        bar.FrameWritten(0, "a");
        clock.Advance(TimeSpan.FromSeconds(4));
        bar.FrameWritten(1, "b");

        var text = error.ToString();
        Assert.Contains("\r[######------------------] 1/4 frames  4.00 s/frame  12s left", text, StringComparison.Ordinal);
        Assert.Contains("\r[############------------] 2/4 frames  4.00 s/frame  8s left", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.Contains("frames", StringComparison.Ordinal) && l.Contains('\r', StringComparison.Ordinal));
    }

    [Fact]
    public void Log_ALineEveryFewSeconds()
    {
        var error = new StringWriter();
        var clock = new FakeClock();
        var bar = new ProgressBar(new CliConsole(new StringWriter(), error, errorIsTerminal: false), clock);
        bar.Started(new RestoreStarted("in.mp4", "out.mp4", 0, 99, 0, 64, 32, new ProcessingPlan(64, 64, [(0, 0, 64, 64)])));

        for (var i = 0; i < 40; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(0.5));
            bar.Step(new RestoreProgress(i, 40, "sampling"));
        }

        // 20 s of steps every half second, a line at most every 5 s: the first report and then every 5 s.
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 4, lines.Length);
        Assert.DoesNotContain('\r', error.ToString());
        Assert.EndsWith("sampling 10/40", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Done_SaysWhatWasWritten()
    {
        var error = new StringWriter();
        var bar = new ProgressBar(new CliConsole(new StringWriter(), error, false), new FakeClock());
        bar.Started(new RestoreStarted("in.mp4", "out.mp4", 0, 3, 4, 64, 32, new ProcessingPlan(64, 64, [(0, 0, 64, 64)])));
        bar.Done("out.mp4", 0);
        Assert.Contains("'out.mp4' is complete; nothing to do", error.ToString(), StringComparison.Ordinal);
    }
}
