using Tdm.Cli.Media;
using Tdm.Cli.Tests.Support;
using Tdm.Engine;

namespace Tdm.Cli.Tests.Media;

/// <summary>Issue 12: FIFOs as inputs are refused before ffprobe or ffmpeg could block on them.</summary>
public partial class MediaProbeTests
{
    // A regression would hang in ffprobe's open(): bound the wait so the test fails instead.
    private static async Task<TdmException> ProbeFails(Func<MediaInfo> probe)
    {
        var task = Task.Run(probe);
        Assert.True(await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(60))) == task, "the probe did not return");
        var e = Assert.IsType<TdmException>(task.Exception?.InnerException);
        Assert.Equal(TdmErrorKind.Input, e.Kind);
        return e;
    }

    [Fact]
    public async Task Probe_FifoAsTheVideo_InputErrorWithoutOpeningIt()
    {
        using var folder = new TempFolder();
        var fifo = Tdm.Tests.SpecialFiles.MakeFifo(folder["clip.mp4"]);
        Assert.StartsWith($"input '{fifo}' is a FIFO (named pipe), not a regular file", (await ProbeFails(() => _probe.Probe(fifo))).Message);
    }

    [Fact]
    public async Task Probe_FifoAmongTheFrames_InputErrorNamingThatFrame()
    {
        using var folder = new TempFolder();
        Ffmpeg.Run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=32x16:rate=24", "-frames:v", "2", folder["f_%04d.png"]]);
        Tdm.Tests.SpecialFiles.MakeFifo(folder["f_0003.png"]);
        Assert.StartsWith($"input frame '{folder["f_0003.png"]}' is a FIFO", (await ProbeFails(() => _probe.Probe(folder["f_%04d.png"]))).Message);
    }
}
