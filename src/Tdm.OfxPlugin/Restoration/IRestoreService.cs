using Tdm.Engine.Imaging;

namespace Tdm.OfxPlugin.Restoration;

/// <summary>
/// What the effect needs from the engine: the chunk grid and the restoration of one frame (which restores its chunk
/// once and serves the chunk's other frames from the engine's result cache). Implementations are thread-safe:
/// instances render concurrently.
/// </summary>
internal interface IRestoreService
{
    /// <summary>The frames (clip-relative, inclusive) that frame <paramref name="index"/>'s chunk reads.</summary>
    (int First, int Last) ContextOf(int clipLength, int index, RestoreRequest request);

    /// <summary>Restores frame <paramref name="index"/> of <paramref name="clip"/>; throws TdmException on failure.</summary>
    /// <param name="clip">The Source clip, frames read on demand.</param>
    /// <param name="index">The frame to return, clip-relative.</param>
    /// <param name="request">The settings; the result cache is keyed by them, the context frames and the model.</param>
    /// <param name="progress">Fraction done of the work this call does, 0..1.</param>
    /// <param name="cancel">Checked between diffusion steps; cancellation throws OperationCanceledException.</param>
    Frame RestoreFrame(IFrameSource clip, int index, RestoreRequest request, IProgress<double>? progress, CancellationToken cancel);

    /// <summary>Drops every cached result and compiled model (the "Clear cache" button, PurgeCaches).</summary>
    void ClearCache();
}
