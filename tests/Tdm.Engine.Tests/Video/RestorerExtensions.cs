using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Engine.Tests.Video;

/// <summary>One frame through the range call (what the plugin asks for: a range of one).</summary>
internal static class RestorerExtensions
{
    public static Frame RestoreFrame(this VideoRestorer restorer, IClip clip, int index, RestoreSettings settings,
        IProgress<RestoreProgress>? progress = null, CancellationToken cancel = default)
    {
        Frame? result = null;
        restorer.RestoreRange(clip, index, index, settings, (_, f) => result = f, progress, cancel);
        return result!;
    }
}
