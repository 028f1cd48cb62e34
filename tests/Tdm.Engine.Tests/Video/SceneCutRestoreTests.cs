using Tdm.Engine.Imaging;
using Tdm.Engine.Tests.Imaging;
using Xunit.Abstractions;

namespace Tdm.Engine.Tests.Video;

/// <summary>Frame mixing stops at scene cuts: a shot restores as if the clip started at the cut (golden tiny model, CPU).</summary>
public sealed class SceneCutRestoreTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Largest pixel difference allowed between a shot restored inside a longer chunk and restored alone:
    /// only the batch size differs, so only rounding may.</summary>
    private const float SameShotTolerance = 1e-5f;

    /// <summary>Without cut detection the frames after the cut mix with the other shot by at least this much.</summary>
    private const float MixedDifference = 1e-3f;

    private const int Before = 5, After = 7;

    private readonly string _cache = Path.Combine(Path.GetTempPath(), "tdm-tests-" + Guid.NewGuid().ToString("N"));

    // One chunk holds the whole clip; radius 2 reaches across the cut from frames 3..6.
    private static readonly RestoreSettings Settings = new()
    {
        InversionSteps = 2, SamplingSteps = 3, ChunkLength = Before + After, Handles = 0, ShortSide = 64, Radius = 2,
    };

    public void Dispose()
    {
        if (Directory.Exists(_cache))
            Directory.Delete(_cache, recursive: true);
    }

    [Theory]
    [InlineData(TemporalMode.SwCfa)]
    [InlineData(TemporalMode.FirstFrame)]
    public void Restore_HardCutInsideAChunk_ShotAfterTheCutEqualsTheClipThatStartsThere(TemporalMode mode)
    {
        var clip = CutClips.TwoShots(Before, After);
        var settings = Settings with { Temporal = mode };
        var whole = Restore(clip, settings);
        var alone = Restore(clip.Skip(Before).ToList(), settings);
        var mixed = Restore(clip, settings with { SceneCuts = false });

        float same = Enumerable.Range(0, After).Max(t => TestFrames.MaxAbsDiff(whole[Before + t], alone[t]));
        float crossed = Enumerable.Range(0, After).Max(t => TestFrames.MaxAbsDiff(mixed[Before + t], alone[t]));
        output.WriteLine($"{mode}: after the cut vs the clip from the cut: {same:E2} with cut detection, {crossed:E2} without");
        Assert.True(same <= SameShotTolerance, $"with cut detection the shot differs by {same:E2} > {SameShotTolerance:E0}");
        Assert.True(crossed >= MixedDifference, $"without cut detection the shot should mix with the first one, differs by only {crossed:E2}");
    }

    private Frame[] Restore(IReadOnlyList<Frame> frames, RestoreSettings settings)
    {
        using var engine = new TdmEngine(new EngineOptions { Device = DeviceKind.Cpu, IntraOpThreads = 2, CacheDirectory = _cache });
        var restored = new Frame[frames.Count];
        engine.Restore(new ModelPaths(Tdm.Tests.Golden.Path("models")), new MemoryClip(frames), 0, frames.Count - 1, settings,
            (i, f) => restored[i] = f);
        return restored;
    }
}
