using Tdm.Cli.Restore;
using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Cli.Tests.Support;

/// <summary>
/// A stand-in for the engine in tests of the command layer (parsing, progress, resume, ranges): it follows the
/// engine's contract (fixed chunk grid anchored at clip index 0, context = chunk plus handles clamped to the clip,
/// frames delivered in order, cancellation checked between "steps") and computes each frame from its chunk's
/// context, so a wrong index, range or handle count changes the pixels. out = 1 - (own + mean(context)) / 2.
/// </summary>
internal sealed class FakeRangeRestorer : IRangeRestorer, IRangeRestorerFactory
{
    /// <summary>Called after each delivered frame with its clip index (tests cancel from here).</summary>
    public Action<int>? AfterFrame { get; set; }

    /// <summary>Thrown by <see cref="Open"/> when set (a model problem, say).</summary>
    public Exception? OpenError { get; set; }

    /// <summary>The model and options the command opened.</summary>
    public List<(ModelPaths Model, EngineOptions Options)> Opened { get; } = [];

    /// <summary>The (first, last) clip-index ranges the command asked for.</summary>
    public List<(int First, int Last)> Calls { get; } = [];

    /// <summary>The settings of the last call.</summary>
    public RestoreSettings? LastSettings { get; private set; }

    public IRangeRestorer Open(ModelPaths model, EngineOptions options)
    {
        if (OpenError is not null)
            throw OpenError;
        Opened.Add((model, options));
        return this;
    }

    public void RestoreRange(IClip clip, int first, int last, RestoreSettings settings, Action<int, Frame> onFrame,
        IProgress<RestoreProgress>? progress, CancellationToken cancel)
    {
        Calls.Add((first, last));
        LastSettings = settings;
        var handles = settings.EffectiveHandles;
        var n = settings.ChunkLength;
        for (var chunk = first / n; chunk <= last / n; chunk++)
        {
            var from = Math.Max(0, (chunk * n) - handles);
            var to = Math.Min(clip.Length - 1, ((chunk + 1) * n) - 1 + handles);
            var context = Enumerable.Range(from, to - from + 1).Select(clip.ReadFrame).ToList();
            for (var step = 1; step <= 3; step++)
            {
                cancel.ThrowIfCancellationRequested();
                progress?.Report(new RestoreProgress(step, 3, "sampling"));
            }
            for (var i = Math.Max(first, chunk * n); i <= Math.Min(last, ((chunk + 1) * n) - 1); i++)
            {
                var own = context[i - from];
                var result = new Frame(own.Width * settings.EffectiveScale, own.Height * settings.EffectiveScale);
                for (var y = 0; y < result.Height; y++)
                    for (var x = 0; x < result.Width; x++)
                        for (var c = 0; c < 4; c++)
                        {
                            var mean = 0f;
                            foreach (var frame in context)
                                mean += frame[x / settings.EffectiveScale, y / settings.EffectiveScale][c];
                            mean /= context.Count;
                            result[x, y][c] = c == 3 ? own[x / settings.EffectiveScale, y / settings.EffectiveScale][c] : 1f - ((own[x / settings.EffectiveScale, y / settings.EffectiveScale][c] + mean) / 2f);
                        }
                onFrame(i, result);
                AfterFrame?.Invoke(i);
            }
        }
    }

    public void Dispose()
    {
    }
}
