using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Cli.Restore;

/// <summary>
/// The real restorer: one <see cref="TdmEngine"/> per run and its <see cref="VideoRestorer"/> for the model. The
/// command line restores each chunk once and writes its frames straight away, so the engine keeps no restored
/// chunks in memory.
/// </summary>
internal sealed class EngineRangeRestorerFactory : IRangeRestorerFactory
{
    /// <inheritdoc/>
    public IRangeRestorer Open(ModelPaths model, EngineOptions options)
    {
        var engine = new TdmEngine(options with { ResultCacheBytes = 0 });
        try
        {
            return new EngineRangeRestorer(engine, engine.Restorer(model));
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    private sealed class EngineRangeRestorer(TdmEngine engine, VideoRestorer restorer) : IRangeRestorer
    {
        public void RestoreRange(IClip clip, int first, int last, RestoreSettings settings, Action<int, Frame> onFrame,
            IProgress<RestoreProgress>? progress, CancellationToken cancel) =>
            restorer.RestoreRange(clip, first, last, settings, onFrame, progress, cancel);

        public void Dispose() => engine.Dispose();
    }
}
