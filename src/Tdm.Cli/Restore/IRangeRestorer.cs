using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Cli.Restore;

/// <summary>
/// The one engine call the restore command needs: restore clip frames <c>first..last</c> (clip indices) with the
/// engine's chunk grid and handles, delivering each restored frame as it is ready, reporting diffusion progress and
/// stopping between diffusion steps when cancelled. The real one runs the engine facade; tests of argument, progress
/// and resume logic use a fake.
/// </summary>
internal interface IRangeRestorer : IDisposable
{
    /// <summary>Restores frames <paramref name="first"/>..<paramref name="last"/> of <paramref name="clip"/>.</summary>
    void RestoreRange(IClip clip, int first, int last, RestoreSettings settings, Action<int, Frame> onFrame,
        IProgress<RestoreProgress>? progress, CancellationToken cancel);
}
