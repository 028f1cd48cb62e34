using Tdm.Engine.Imaging;
using Tdm.OfxPlugin.Host;
using Tdm.OfxPlugin.Interop;
using Tdm.Engine.Video;

namespace Tdm.OfxPlugin;

/// <summary>
/// The Source clip as the engine reads it during one render: frame k is the image at time first + k, fetched when
/// asked (the engine reads only the chunk's context frames), converted to a frame covering the image's bounds and
/// released at once. Checks the host's abort flag before each fetch.
/// </summary>
internal sealed class HostFrameSource(EffectInstance instance, double first, int length, CancellationTokenSource abort) : IClip
{
    private readonly Dictionary<int, OfxRectI> _rects = [];

    public int Length => length;

    public Frame ReadFrame(int index)
    {
        PollAbort();
        index = Math.Clamp(index, 0, length - 1);
        using var image = instance.Source.GetImage(first + index);
        var rect = image.View.Bounds;
        lock (_rects)
            _rects[index] = rect;
        return PixelConversion.Read(image.View, rect);
    }

    /// <summary>The pixel rectangle frame <paramref name="index"/> covers (fetches its image if not yet read).</summary>
    public OfxRectI RectOf(int index)
    {
        lock (_rects)
        {
            if (_rects.TryGetValue(index, out var rect))
                return rect;
        }
        using var image = instance.Source.GetImage(first + index);
        return image.View.Bounds;
    }

    /// <summary>Cancels the render's token when the host has raised its abort flag.</summary>
    public void PollAbort()
    {
        if (!abort.IsCancellationRequested && instance.Suites.Abort(instance.Handle))
            abort.Cancel();
        abort.Token.ThrowIfCancellationRequested();
    }
}
