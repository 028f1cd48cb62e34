using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.OfxPlugin.Restoration;

/// <summary>
/// What the effect needs from the engine: the chunk grid and the restoration of one frame (which restores its chunk
/// once and serves the chunk's other frames from the engine's result cache). Implementations are thread-safe:
/// instances render concurrently.
/// </summary>
internal interface IRestoreService
{
    /// <summary>The frames (clip-relative, inclusive) that frame <paramref name="index"/>'s chunk reads.</summary>
    (int First, int Last) ContextOf(int clipLength, int index, RestoreSettings settings);

    /// <summary>
    /// Loads and compiles <paramref name="models"/> for <paramref name="device"/> unless already loaded (seconds to
    /// minutes); throws TdmException or CheckpointException for a model with a problem. Not cancellable: callers wait
    /// for it with <see cref="ModelLoading"/>.
    /// </summary>
    void LoadModel(ModelPaths models, DeviceKind device);

    /// <summary>Restores frame <paramref name="index"/> of <paramref name="clip"/>; throws TdmException on failure.</summary>
    /// <param name="clip">The Source clip, frames read on demand.</param>
    /// <param name="index">The frame to return, clip-relative.</param>
    /// <param name="request">Model, device and settings; the result cache is keyed by them and the context frames.</param>
    /// <param name="progress">Progress of the work this call does.</param>
    /// <param name="cancel">Checked between diffusion steps; cancellation throws OperationCanceledException.</param>
    Frame RestoreFrame(IClip clip, int index, RestoreRequest request, IProgress<RestoreProgress>? progress, CancellationToken cancel);

    /// <summary>Drops every cached result and compiled model (the "Clear cache" button, PurgeCaches).</summary>
    void ClearCache();
}
