using Tdm.Engine.Diffusion;
using Tdm.Engine.Imaging;
using Tdm.Engine.Models;
using Tdm.Engine.Text;

namespace Tdm.Engine.Video;

/// <summary>
/// Restores frames of a clip with one model, chunk by chunk on the fixed grid, serving repeated requests from the
/// content-keyed cache. Thread-safe: several render threads and instances may call it at once.
/// </summary>
internal sealed class VideoRestorer
{
    private readonly TdmModel _model;
    private readonly RestoredChunkCache _cache;
    private readonly ChunkRestorer _restorer;
    private readonly TaskPrompts _prompts;

    public VideoRestorer(TdmModel model, RestoredChunkCache cache, TaskPrompts prompts)
    {
        _model = model;
        _cache = cache;
        _prompts = prompts;
        _restorer = new ChunkRestorer(model, prompts);
    }

    /// <summary>The chunk grid these settings impose on a clip of <paramref name="clipLength"/> frames.</summary>
    public static ChunkGrid Grid(int clipLength, RestoreSettings settings) =>
        new(clipLength, settings.ChunkLength, settings.EffectiveHandles);

    /// <summary>
    /// Frames <paramref name="first"/>..<paramref name="last"/> restored, handed to <paramref name="onFrame"/> in order
    /// as each chunk completes; identical to restoring each frame alone. The frames are shared with the cache: do not
    /// modify them.
    /// </summary>
    public void RestoreRange(IClip clip, int first, int last, RestoreSettings settings, Action<int, Frame> onFrame,
        IProgress<RestoreProgress>? progress = null, CancellationToken cancel = default)
    {
        settings.Validate();
        var grid = Grid(clip.Length, settings);
        if (first > last)
            throw new TdmException(TdmErrorKind.BadArgument, $"the range {first}-{last} is empty");
        var chunks = grid.ChunksCovering(first, last).ToList();
        var counter = new ProgressCounter(progress, chunks.Count);
        foreach (int chunk in chunks)
        {
            var frames = Chunk(clip, grid, chunk, settings, counter, cancel);
            var (ownedFirst, ownedLast) = grid.Owned(chunk);
            for (int f = Math.Max(first, ownedFirst); f <= Math.Min(last, ownedLast); f++)
                onFrame(f, frames[f - ownedFirst]);
        }
    }

    private Frame[] Chunk(IClip clip, ChunkGrid grid, int chunk, RestoreSettings settings, ProgressCounter progress, CancellationToken cancel)
    {
        var (contextFirst, contextLast) = grid.Context(chunk);
        var (ownedFirst, ownedLast) = grid.Owned(chunk);
        var context = new Frame[contextLast - contextFirst + 1];
        for (int i = 0; i < context.Length; i++)
        {
            cancel.ThrowIfCancellationRequested();
            context[i] = clip.ReadFrame(contextFirst + i);
            NonFinitePixels.ThrowIfAny(context[i], clip, contextFirst + i);
        }
        int offset = ownedFirst - contextFirst, count = ownedLast - ownedFirst + 1;
        // The frame size fixes the tile grid, and so the evaluations of every chunk of the request.
        int perChunk = TdmPipeline.Evaluations(settings.Sampler, ChunkRestorer.PlanOf(context[0].Width, context[0].Height, settings).Tiles.Count);
        progress.PerChunk(perChunk);
        var key = ChunkKey.Of(_model.Identity, settings.CacheKey(_prompts), offset, count, context);
        bool computed = false;
        var frames = _cache.GetOrCompute(key, () =>
        {
            computed = true;
            return _restorer.Restore(context, offset, count, settings, progress.Step, cancel);
        }, cancel);
        if (!computed)
            progress.Skip(perChunk, "cached");
        return frames;
    }

    /// <summary>Counts network evaluations (tile evaluations of each step, and the VAE stages) across the chunks of
    /// one request; the total is known once the first chunk's frame size is.</summary>
    private sealed class ProgressCounter(IProgress<RestoreProgress>? progress, int chunks)
    {
        private int _done;
        private int _total;

        public void PerChunk(int evaluations) => Interlocked.CompareExchange(ref _total, chunks * evaluations, 0);

        public void Step(string stage) => progress?.Report(new RestoreProgress(Interlocked.Increment(ref _done), _total, stage));

        public void Skip(int steps, string stage) => progress?.Report(new RestoreProgress(Interlocked.Add(ref _done, steps), _total, stage));
    }
}
