using Tdm.Engine.Checkpoints;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;
using Xunit.Abstractions;

namespace Tdm.Engine.Tests.Video;

/// <summary>The public facade end to end on the golden tiny model (CPU, float32).</summary>
public sealed class VideoRestorerTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Max absolute pixel error of the facade's output against the reference's decoded frames, in [0, 1]
    /// (the reference's 2e-3 on [-1, 1] is 1e-3 here, plus resampling and clamping that are exact at this size).</summary>
    private const float PixelTolerance = 1e-3f;

    private readonly string _cache = Path.Combine(Path.GetTempPath(), "tdm-tests-" + Guid.NewGuid().ToString("N"));

    private static readonly RestoreSettings Fast = new()
    {
        InversionSteps = 2, SamplingSteps = 3, ChunkLength = 8, Handles = 2, ShortSide = 64, Radius = 2,
    };

    private TdmEngine Engine() => new(new EngineOptions { Device = DeviceKind.Cpu, IntraOpThreads = 2, CacheDirectory = _cache });

    private static ModelPaths GoldenModel => new(Tdm.Tests.Golden.Path("models"));

    public void Dispose()
    {
        if (Directory.Exists(_cache))
            Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public void RestoreRange_GoldenClip_MatchesReferenceDecodedFrames()
    {
        using var video = SafetensorsFile.Open(Tdm.Tests.Golden.Path("e2e", "input_video.safetensors"));
        using var reference = SafetensorsFile.Open(Tdm.Tests.Golden.Path("e2e", "run_swcfa_unet.safetensors"));
        var bytes = video.GetBytes(video["frames_uint8"]).ToArray();
        var frames = Enumerable.Range(0, 5).Select(t =>
        {
            var f = new Frame(128, 64);
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < 64 * 128; i++)
                    f.Pixels[(i * 4) + c] = bytes[(((t * 3) + c) * 64 * 128) + i] / 255f;
            for (int i = 0; i < 64 * 128; i++)
                f.Pixels[(i * 4) + 3] = 1f;
            return f;
        }).ToList();
        var decoded = reference.ReadSingles("decoded");

        using var engine = Engine();
        var settings = new RestoreSettings { Task = RestorationTask.Denoise, ShortSide = 64, Radius = 2, ChunkLength = 5, Handles = 0 };
        var restored = new Frame[5];
        engine.Restorer(GoldenModel).RestoreRange(new MemoryClip(frames), 0, 4, settings, (i, f) => restored[i] = f);

        float worst = 0;
        for (int t = 0; t < 5; t++)
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < 64 * 128; i++)
                {
                    float expected = Math.Clamp((decoded[(((t * 3) + c) * 64 * 128) + i] / 2f) + 0.5f, 0f, 1f);
                    worst = MathF.Max(worst, MathF.Abs(restored[t].Pixels[(i * 4) + c] - expected));
                }
        output.WriteLine($"facade vs reference decoded frames: max abs pixel error {worst:E2}");
        Assert.True(worst <= PixelTolerance, $"max abs pixel error {worst:E2} > {PixelTolerance:E0}");
        Assert.All(restored, f => Assert.All(Enumerable.Range(0, 64 * 128), i => Assert.Equal(1f, f.Pixels[(i * 4) + 3])));
    }

    [Fact]
    public void RestoreRange_SameClipTwice_GivesIdenticalBits()
    {
        var clip = MemoryClip.Generated(12);
        using var first = Engine();
        using var second = Engine();
        var a = Collect(first.Restorer(GoldenModel), clip, 0, 11);
        var b = Collect(second.Restorer(GoldenModel), clip, 0, 11);
        Assert.All(Enumerable.Range(0, 12), i => Assert.Equal(a[i].Pixels, b[i].Pixels));
    }

    [Fact]
    public void RestoreRange_SubrangeWithHandles_EqualsWholeClipOnSharedFrames()
    {
        var clip = MemoryClip.Generated(24);
        using var whole = Engine();
        using var part = Engine();
        var all = Collect(whole.Restorer(GoldenModel), clip, 0, 23);
        var some = Collect(part.Restorer(GoldenModel), clip, 9, 14);
        Assert.Equal(6, some.Count);
        Assert.All(some, p => Assert.Equal(all[p.Key].Pixels, p.Value.Pixels));
    }

    [Fact]
    public void RestoreFrame_AfterEditingOneFrame_RecomputesOnlyTheChunksThatSeeIt()
    {
        var clip = MemoryClip.Generated(24);
        using var engine = Engine();
        var restorer = engine.Restorer(GoldenModel);
        var before = Collect(restorer, clip, 0, 23);
        Assert.Equal(3, engine.CachedChunks);

        // Chunk length 8, handles 2: frame 20 lies only in chunk 2's context (14..23).
        var edited = Enumerable.Range(0, 24).Select(i => clip.ReadFrame(i).Clone()).ToList();
        edited[20].Pixels.AsSpan().Fill(0.25f);
        var stages = new List<string>();
        var after = Collect(restorer, new MemoryClip(edited), 0, 23, new Progress<RestoreProgress>(p => { lock (stages) stages.Add(p.Stage); }));

        Assert.Equal(4, engine.CachedChunks);
        Assert.All(Enumerable.Range(0, 16), i => Assert.Equal(before[i].Pixels, after[i].Pixels));
        Assert.NotEqual(before[16].Pixels, after[16].Pixels);
    }

    [Fact]
    public void RestoreFrame_CancelledMidChunk_StopsWithinAStepAndCachesNothing()
    {
        var clip = MemoryClip.Generated(8);
        using var engine = Engine();
        var restorer = engine.Restorer(GoldenModel);
        var settings = Fast with { SamplingSteps = 20 };
        using var cancel = new CancellationTokenSource();
        int stepsAfterCancel = 0;
        var progress = new SynchronousProgress(p =>
        {
            if (cancel.IsCancellationRequested)
                stepsAfterCancel++;
            if (p.StepsDone == 4)
                cancel.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => restorer.RestoreFrame(clip, 3, settings, progress, cancel.Token));
        Assert.Equal(0, stepsAfterCancel);
        Assert.Equal(0, engine.CachedChunks);

        var resumed = restorer.RestoreFrame(clip, 3, settings);
        using var fresh = Engine();
        Assert.Equal(fresh.Restorer(GoldenModel).RestoreFrame(clip, 3, settings).Pixels, resumed.Pixels);
    }

    /// <summary>Running the guidance halves separately (the out-of-memory fallback) changes only rounding.</summary>
    [Fact]
    public void RestoreRange_GuidanceHalvesSplit_MatchesFullBatchWithinRounding()
    {
        const float tolerance = 1e-4f;
        var clip = MemoryClip.Generated(8);
        using var full = Engine();
        using var split = new TdmEngine(new EngineOptions { Device = DeviceKind.Cpu, IntraOpThreads = 2, CacheDirectory = _cache, SplitGuidanceBatch = true });
        var a = Collect(full.Restorer(GoldenModel), clip, 0, 7);
        var b = Collect(split.Restorer(GoldenModel), clip, 0, 7);
        float worst = Enumerable.Range(0, 8).Max(i => a[i].Pixels.Zip(b[i].Pixels).Max(p => MathF.Abs(p.First - p.Second)));
        output.WriteLine($"split vs full batch: max abs pixel difference {worst:E2}");
        Assert.True(worst <= tolerance, $"split vs full batch differ by {worst:E2} > {tolerance:E0}");
    }

    private static Dictionary<int, Frame> Collect(VideoRestorer restorer, IClip clip, int first, int last, IProgress<RestoreProgress>? progress = null)
    {
        var frames = new Dictionary<int, Frame>();
        restorer.RestoreRange(clip, first, last, Fast, (i, f) => frames[i] = f, progress);
        return frames;
    }

    private sealed class SynchronousProgress(Action<RestoreProgress> report) : IProgress<RestoreProgress>
    {
        public void Report(RestoreProgress value) => report(value);
    }
}
