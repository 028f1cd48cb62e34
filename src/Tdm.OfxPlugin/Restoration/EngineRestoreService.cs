using Tdm.Engine;
using Tdm.Engine.Imaging;

namespace Tdm.OfxPlugin.Restoration;

/// <summary>
/// The adapter from the effect to the engine facade (Tdm.Engine.TdmEngine / VideoRestorer / ChunkGrid).
/// </summary>
/// <remarks>
/// PENDING: the engine facade has not landed in main yet. Until it does, the chunk grid is computed here with the
/// semantics ARCHITECTURE.md fixes (chunk k owns [k*N, (k+1)*N), its context adds the handles on each side, clamped
/// to the clip) and RestoreFrame reports that the engine is missing. Both become one-line calls into the facade.
/// </remarks>
internal sealed class EngineRestoreService : IRestoreService, IDisposable
{
    public (int First, int Last) ContextOf(int clipLength, int index, RestoreRequest request)
    {
        var n = Math.Max(1, request.ChunkLength);
        var chunk = index / n;
        var first = Math.Max(0, (chunk * n) - request.Handles);
        var last = Math.Min(clipLength - 1, ((chunk + 1) * n) - 1 + request.Handles);
        return (first, last);
    }

    public Frame RestoreFrame(IFrameSource clip, int index, RestoreRequest request, IProgress<double>? progress, CancellationToken cancel) =>
        throw new TdmException(TdmErrorKind.Internal, "this build of TDM Restore has no engine facade yet (Tdm.Engine.TdmEngine)");

    public void ClearCache()
    {
    }

    public void Dispose()
    {
    }
}
