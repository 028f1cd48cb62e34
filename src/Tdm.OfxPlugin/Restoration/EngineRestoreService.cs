using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.OfxPlugin.Restoration;

/// <summary>The adapter from the effect to the engine facade (ChunkGrid, TdmEngine, VideoRestorer).</summary>
/// <remarks>
/// PENDING: TdmEngine and VideoRestorer have not landed in main yet; until they do, RestoreFrame reports that the
/// engine is missing (a failed render with that message). Wiring them is the body of RestoreFrame and ClearCache.
/// </remarks>
internal sealed class EngineRestoreService : IRestoreService, IDisposable
{
    public (int First, int Last) ContextOf(int clipLength, int index, RestoreSettings settings)
    {
        var grid = new ChunkGrid(clipLength, settings.ChunkLength, settings.EffectiveHandles);
        return grid.Context(grid.ChunkOf(index));
    }

    public Frame RestoreFrame(IClip clip, int index, RestoreRequest request, IProgress<RestoreProgress>? progress, CancellationToken cancel) =>
        throw new TdmException(TdmErrorKind.Internal, "this build of TDM Restore has no engine facade yet (Tdm.Engine.TdmEngine)");

    public void ClearCache()
    {
    }

    public void Dispose()
    {
    }
}
