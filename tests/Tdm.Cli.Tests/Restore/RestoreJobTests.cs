using Tdm.Cli.Media;
using Tdm.Cli.Restore;
using Tdm.Cli.Tests.Support;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Tests.Restore;

/// <summary>The farm contract (ranges, naming, atomic writes, resume) with a fake engine and real ffmpeg I/O.</summary>
public sealed partial class RestoreJobTests : IDisposable
{
    private const int First = 1001;
    private const int Count = 20;
    private readonly TempFolder _folder = new();
    private readonly FfmpegTools _tools = FfmpegTools.FromEnvironment();
    private readonly FakeRangeRestorer _engine = new();
    private readonly string _sequence;

    public RestoreJobTests()
    {
        _sequence = _folder["in/f_%04d.png"];
        Directory.CreateDirectory(_folder["in"]);
        Ffmpeg.Run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=32x16:rate=24", "-frames:v", $"{Count}", "-start_number", $"{First}", _sequence]);
    }

    public void Dispose() => _folder.Dispose();

    private RestoreJob Job() => new(new MediaProbe(_tools), _tools, new VideoEncoder(_tools), _engine);

    private static RestoreRequest Request(string input, string output, FrameRange? frames = null, bool overwrite = false) => new()
    {
        Input = input,
        Output = output,
        Frames = frames,
        Settings = new RestoreSettings { Task = RestorationTask.Denoise, ChunkLength = 8, Radius = 3, InversionSteps = 2, SamplingSteps = 3 },
        Model = new ModelPaths("model"),
        Engine = new EngineOptions(),
        Overwrite = overwrite,
    };

    private float[] Pixels(string file)
    {
        using var clip = new FfmpegClip(new MediaProbe(_tools).Probe(file), _tools);
        return clip.ReadFrame(0).Pixels;
    }

    [Fact]
    public void Runs_FramesOfNeighbouringChunks_OneCallPerStretch()
    {
        var grid = new Tdm.Engine.Video.ChunkGrid(48, 8, 3);
        Assert.Equal([(0, 19)], RestoreJob.Runs(Enumerable.Range(0, 20), grid));
        Assert.Equal([(2, 9), (40, 41)], RestoreJob.Runs([2, 3, 9, 40, 41], grid));
        Assert.Equal([(1, 1), (17, 30)], RestoreJob.Runs([1, 17, 30], grid));
    }

    [Fact]
    public void Run_SequenceToSequence_WritesEveryFrameUnderTheInputNumbers()
    {
        var events = new RecordingEvents();
        Job().Run(Request(_sequence, _folder["out/r_%04d.png"]), events, CancellationToken.None);

        var expected = Enumerable.Range(First, Count).ToList();
        Assert.Equal(expected, events.Written);
        Assert.Equal(expected.Select(n => _folder[$"out/r_{n:D4}.png"]), Directory.GetFiles(_folder["out"]).Order());
        Assert.Equal((First, First + Count - 1, 0), (events.Run!.First, events.Run.Last, events.Run.FramesSkipped));
        Assert.Equal(Count, events.DoneWritten);
        Assert.True(events.Steps > 0);
        Assert.Equal([(0, Count - 1)], _engine.Calls);
    }

    [Fact]
    public void Run_FrameRange_SamePixelsAsTheWholeClipOnThoseFrames()
    {
        Job().Run(Request(_sequence, _folder["whole/r_%04d.png"]), new RecordingEvents(), CancellationToken.None);
        var events = new RecordingEvents();

        Job().Run(Request(_sequence, _folder["part/r_%04d.png"], new FrameRange(1007, 1013)), events, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1007, 7), events.Written);
        Assert.Equal(7, Directory.GetFiles(_folder["part"]).Length);
        Assert.Equal((6, 12), _engine.Calls[^1]);
        foreach (var n in events.Written)
            Assert.Equal(Pixels(_folder[$"whole/r_{n:D4}.png"]), Pixels(_folder[$"part/r_{n:D4}.png"]));
    }

    [Fact]
    public void Run_Interrupted_LeavesWholeFramesAndResumesToTheSameResult()
    {
        Job().Run(Request(_sequence, _folder["whole/r_%04d.png"]), new RecordingEvents(), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var delivered = 0;
        _engine.AfterFrame = _ =>
        {
            if (++delivered == 5)
                cancel.Cancel();
        };

        // The engine stops between diffusion steps: frames of the chunk it had finished still arrive and are kept.
        Assert.ThrowsAny<OperationCanceledException>(() => Job().Run(Request(_sequence, _folder["out/r_%04d.png"]), new RecordingEvents(), cancel.Token));
        const int Kept = 8;
        Assert.Equal(Enumerable.Range(First, Kept).Select(n => _folder[$"out/r_{n:D4}.png"]), Directory.GetFiles(_folder["out"]).Order());

        _engine.AfterFrame = null;
        var events = new RecordingEvents();
        Job().Run(Request(_sequence, _folder["out/r_%04d.png"]), events, CancellationToken.None);

        Assert.Equal(Kept, events.Run!.FramesSkipped);
        Assert.Equal(Enumerable.Range(First + Kept, Count - Kept), events.Written);
        Assert.Equal((Kept, Count - 1), _engine.Calls[^1]);
        for (var n = First; n < First + Count; n++)
            Assert.Equal(Pixels(_folder[$"whole/r_{n:D4}.png"]), Pixels(_folder[$"out/r_{n:D4}.png"]));
    }

    [Fact]
    public void Run_Complete_NothingToDoWithoutOpeningTheModel_UnlessOverwrite()
    {
        Job().Run(Request(_sequence, _folder["out/r_%04d.png"]), new RecordingEvents(), CancellationToken.None);
        var again = new RecordingEvents();
        Job().Run(Request(_sequence, _folder["out/r_%04d.png"]), again, CancellationToken.None);
        Assert.Equal((Count, 0), (again.Run!.FramesSkipped, again.DoneWritten!.Value));
        Assert.Single(_engine.Opened);

        var overwrite = new RecordingEvents();
        Job().Run(Request(_sequence, _folder["out/r_%04d.png"], overwrite: true), overwrite, CancellationToken.None);
        Assert.Equal(Count, overwrite.DoneWritten);
    }

    [Fact]
    public void Run_VideoOutput_InterruptedThenResumed_EncodesOnceAndRemovesTheCache()
    {
        var output = _folder["out.mp4"];
        using var cancel = new CancellationTokenSource();
        var delivered = 0;
        _engine.AfterFrame = _ =>
        {
            if (++delivered == 9)
                cancel.Cancel();
        };
        Assert.ThrowsAny<OperationCanceledException>(() => Job().Run(Request(_sequence, output), new RecordingEvents(), cancel.Token));
        Assert.False(File.Exists(output));
        const int Kept = 16; // two whole chunks of 8
        Assert.Equal(Kept, Directory.GetFiles(output + ".frames").Length);

        _engine.AfterFrame = null;
        var events = new RecordingEvents();
        Job().Run(Request(_sequence, output), events, CancellationToken.None);

        Assert.Equal((Kept, Count - Kept, true), (events.Run!.FramesSkipped, events.DoneWritten!.Value, events.Encoded));
        Assert.False(Directory.Exists(output + ".frames"));
        Assert.Equal(Count, Ffmpeg.FrameCount(output));

        var rerun = new RecordingEvents();
        Job().Run(Request(_sequence, output), rerun, CancellationToken.None);
        Assert.Equal((0, false), (rerun.DoneWritten!.Value, rerun.Encoded));
    }

    [Fact]
    public void Run_RangeOutsideTheClip_NamesTheClipsFrames()
    {
        var error = Assert.Throws<UsageException>(() => Job().Run(Request(_sequence, _folder["o/r_%04d.png"], new FrameRange(1015, 1030)), new RecordingEvents(), CancellationToken.None));
        Assert.Equal($"--frames 1015-1030 is outside the clip: '{_sequence}' has frames 1001-1020", error.Message);
        Assert.Empty(_engine.Opened);
    }

    [Fact]
    public void Run_OutputFolderUnwritable_OutputErrorBeforeTheModelLoads()
    {
        File.WriteAllText(_folder["file"], "a file, not a folder");
        var error = Assert.Throws<TdmException>(() => Job().Run(Request(_sequence, _folder["file/r_%04d.png"]), new RecordingEvents(), CancellationToken.None));
        Assert.Equal(TdmErrorKind.Output, error.Kind);
        Assert.Contains($"the folder '{_folder["file"]}' cannot be created or written", error.Message, StringComparison.Ordinal);
        Assert.Empty(_engine.Opened);
    }

    [Fact]
    public void Run_ImageOutputWithoutPattern_SuggestsOne()
    {
        var error = Assert.Throws<UsageException>(() => Job().Run(Request(_sequence, _folder["still.png"]), new RecordingEvents(), CancellationToken.None));
        Assert.Contains("_%04d.png", error.Message, StringComparison.Ordinal);
    }
}
