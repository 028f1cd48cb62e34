using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Cli.Restore;

/// <summary>
/// The real restorer: one <see cref="TdmEngine"/> per run, the model loaded when it opens (so a model problem stops the job before any frame). The
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
            engine.LoadModel(model);
            return new EngineRangeRestorer(engine, model);
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    private sealed class EngineRangeRestorer(TdmEngine engine, ModelPaths model) : IRangeRestorer
    {
        public void RestoreRange(IClip clip, int first, int last, RestoreSettings settings, Action<int, Frame> onFrame,
            IProgress<RestoreProgress>? progress, CancellationToken cancel) =>
            engine.Restore(model, clip, first, last, settings, onFrame, progress, cancel);

        public void Dispose() => engine.Dispose();
    }
}
