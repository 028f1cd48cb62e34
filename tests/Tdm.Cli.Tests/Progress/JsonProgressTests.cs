using System.Text.Json;
using Tdm.Cli.Progress;
using Tdm.Cli.Tests.Support;
using Tdm.Engine.Video;

namespace Tdm.Cli.Tests.Progress;

public class JsonProgressTests
{
    private static List<JsonElement> Lines(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public void Events_OneJsonObjectPerLine_WithTheFarmFields()
    {
        var output = new StringWriter();
        var clock = new FakeClock();
        var json = new JsonProgress(new CliConsole(output, new StringWriter(), false), clock);

        json.Started(new RestoreStarted("in.mp4", "out/f_%04d.png", 10, 19, 2, 64, 32, new ProcessingPlan(64, 64, [(0, 0, 64, 64)])));
        clock.Advance(TimeSpan.FromSeconds(8));
        json.FrameWritten(12, "out/f_0012.png");
        clock.Advance(TimeSpan.FromSeconds(8));
        json.FrameWritten(13, "out/f_0013.png");
        json.Done("out/f_%04d.png", 2);

        var lines = Lines(output);
        Assert.Equal(["started", "frame-written", "progress", "frame-written", "progress", "done"], lines.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal((10, 19, 10, 2), (lines[0].GetProperty("first").GetInt32(), lines[0].GetProperty("last").GetInt32(),
            lines[0].GetProperty("framesTotal").GetInt32(), lines[0].GetProperty("framesSkipped").GetInt32()));
        Assert.Equal("out/f_0012.png", lines[1].GetProperty("path").GetString());

        // Two frames rendered in 16 s: 8 s per frame; 2 skipped + 2 written of 10 leaves 6 frames, 48 s.
        var progress = lines[4];
        Assert.Equal((13, 4, 10), (progress.GetProperty("frame").GetInt32(), progress.GetProperty("framesDone").GetInt32(), progress.GetProperty("framesTotal").GetInt32()));
        Assert.Equal((8.0, 48.0), (progress.GetProperty("secondsPerFrame").GetDouble(), progress.GetProperty("eta").GetDouble()));
        Assert.Equal((2, 10), (lines[5].GetProperty("framesWritten").GetInt32(), lines[5].GetProperty("framesTotal").GetInt32()));
    }

    [Fact]
    public void Step_AtMostOncePerSecond_AndEtaFromStepsBeforeTheFirstFrame()
    {
        var output = new StringWriter();
        var clock = new FakeClock();
        var json = new JsonProgress(new CliConsole(output, new StringWriter(), false), clock);
        json.Started(new RestoreStarted("in.mp4", "out.mp4", 0, 15, 0, 64, 32, new ProcessingPlan(64, 64, [(0, 0, 64, 64)])));

        clock.Advance(TimeSpan.FromSeconds(10));
        json.Step(new RestoreProgress(10, 40, "inversion"));
        clock.Advance(TimeSpan.FromMilliseconds(300));
        json.Step(new RestoreProgress(11, 40, "sampling"));

        var lines = Lines(output);
        Assert.Equal(2, lines.Count);
        var step = lines[1];
        Assert.Equal(JsonValueKind.Null, step.GetProperty("frame").ValueKind);
        Assert.Equal(JsonValueKind.Null, step.GetProperty("secondsPerFrame").ValueKind);
        Assert.Equal(30.0, step.GetProperty("eta").GetDouble()); // 10 s for 10 of 40 steps
        Assert.Equal(("inversion", 10, 40), (step.GetProperty("stage").GetString(), step.GetProperty("stepsDone").GetInt32(), step.GetProperty("stepsTotal").GetInt32()));
    }

    [Fact]
    public void Failed_ErrorEventWithExitCodeAndMessage()
    {
        var output = new StringWriter();
        new JsonProgress(new CliConsole(output, new StringWriter(), false), new FakeClock()).Failed(4, "model \"x\" is broken");
        var line = Lines(output).Single();
        Assert.Equal(("error", 4, "model \"x\" is broken"), (line.GetProperty("event").GetString(), line.GetProperty("exitCode").GetInt32(), line.GetProperty("message").GetString()));
    }
}
