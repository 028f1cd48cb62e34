using Tdm.Engine.Diffusion;
using Tdm.Engine.Imaging;
using Tdm.Engine.Text;

namespace Tdm.Engine.Video;

/// <summary>
/// Restores frames of a clip with one model, chunk by chunk on the fixed grid, serving repeated requests from the
/// content-keyed cache. Thread-safe: several render threads and instances may call it at once.
/// </summary>
public sealed class VideoRestorer
{
    private readonly TdmModel _model;
    private readonly RestoredChunkCache _cache;
    private readonly ChunkRestorer _restorer;
    private readonly TaskPrompts _prompts;

    internal VideoRestorer(TdmModel model, RestoredChunkCache cache, TaskPrompts prompts)
    {
        _model = model;
        _cache = cache;
        _prompts = prompts;
        _restorer = new ChunkRestorer(model, prompts);
    }

    /// <summary>The chunk grid these settings impose on a clip of <paramref name="clipLength"/> frames.</summary>
    public static ChunkGrid Grid(int clipLength, RestoreSettings settings) =>
        new(clipLength, settings.ChunkLength, settings.EffectiveHandles);

    /// <summary>Frame <paramref name="index"/> restored (computing its chunk, or taking it from the cache). The
    /// result is shared with the cache: do not modify it.</summary>
    public Frame RestoreFrame(IClip clip, int index, RestoreSettings settings, IProgress<RestoreProgress>? progress = null,
        CancellationToken cancel = default)
    {
        settings.Validate();
        var grid = Grid(clip.Length, settings);
        int chunk = grid.ChunkOf(index);
        var frames = Chunk(clip, grid, chunk, settings, new ProgressCounter(progress, StepsPerChunk(settings)), cancel);
        return frames[index - grid.Owned(chunk).First];
    }

    /// <summary>
    /// Frames <paramref name="first"/>..<paramref name="last"/> restored, handed to <paramref name="onFrame"/> in order
    /// as each chunk completes; identical to restoring each frame alone.
    /// </summary>
    public void RestoreRange(IClip clip, int first, int last, RestoreSettings settings, Action<int, Frame> onFrame,
        IProgress<RestoreProgress>? progress = null, CancellationToken cancel = default)
    {
        settings.Validate();
        var grid = Grid(clip.Length, settings);
        if (first > last)
            throw new TdmException(TdmErrorKind.BadArgument, $"the range {first}-{last} is empty");
        var chunks = grid.ChunksCovering(first, last).ToList();
        var counter = new ProgressCounter(progress, chunks.Count * StepsPerChunk(settings));
        foreach (int chunk in chunks)
        {
            var frames = Chunk(clip, grid, chunk, settings, counter, cancel);
            var (ownedFirst, ownedLast) = grid.Owned(chunk);
            for (int f = Math.Max(first, ownedFirst); f <= Math.Min(last, ownedLast); f++)
                onFrame(f, frames[f - ownedFirst]);
        }
    }

    private static int StepsPerChunk(RestoreSettings s) => s.InversionSteps + s.SamplingSteps + ChunkRestorer.VaeStages;

    private Frame[] Chunk(IClip clip, ChunkGrid grid, int chunk, RestoreSettings settings, ProgressCounter progress, CancellationToken cancel)
    {
        var (contextFirst, contextLast) = grid.Context(chunk);
        var (ownedFirst, ownedLast) = grid.Owned(chunk);
        var context = new Frame[contextLast - contextFirst + 1];
        for (int i = 0; i < context.Length; i++)
        {
            cancel.ThrowIfCancellationRequested();
            context[i] = clip.ReadFrame(contextFirst + i);
        }
        int offset = ownedFirst - contextFirst, count = ownedLast - ownedFirst + 1;
        var key = ChunkKey.Of(_model.Identity, $"{settings}|{_prompts.For(settings.Task, settings.Prompt)}", offset, count, context);
        bool computed = false;
        var frames = _cache.GetOrCompute(key, () =>
        {
            computed = true;
            return _restorer.Restore(context, offset, count, settings, stage => progress.Step(stage), cancel);
        }, cancel);
        if (!computed)
            progress.Skip(StepsPerChunk(settings), "cached");
        return frames;
    }

    /// <summary>Counts network evaluations across the chunks of one request.</summary>
    private sealed class ProgressCounter(IProgress<RestoreProgress>? progress, int total)
    {
        private int _done;

        public void Step(string stage) => progress?.Report(new RestoreProgress(Interlocked.Increment(ref _done), total, stage));

        public void Skip(int steps, string stage) => progress?.Report(new RestoreProgress(Interlocked.Add(ref _done, steps), total, stage));
    }
}
