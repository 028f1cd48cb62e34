using Tdm.Engine.Imaging;
using Tdm.OfxPlugin.Host;
using Tdm.OfxPlugin.Interop;
using Tdm.Engine.Video;

namespace Tdm.OfxPlugin;

/// <summary>
/// The Source clip as the engine reads it during one render: frame k is the image at time first + k, fetched when
/// asked (the engine reads only the chunk's context frames), converted to a frame covering the image's bounds and
/// released at once. The render's own frame is fetched once (<see cref="Fetch"/>) and kept for the engine, which
/// would otherwise fetch it a second time. Checks the host's abort flag before each fetch.
/// </summary>
internal sealed class HostFrameSource(EffectInstance instance, double first, int length, CancellationTokenSource abort) : IClip
{
    private (int Index, Frame Frame)? _kept;

    public int Length => length;

    public Frame ReadFrame(int index)
    {
        index = Math.Clamp(index, 0, length - 1);
        if (_kept is { } kept && kept.Index == index)
            return kept.Frame;
        return Read(index).Frame;
    }

    /// <summary>Frame <paramref name="index"/> and the pixel rectangle it covers, kept for the engine's read.</summary>
    public (Frame Frame, OfxRectI Rect) Fetch(int index)
    {
        var (frame, rect) = Read(index);
        _kept = (index, frame);
        return (frame, rect);
    }

    /// <summary>Cancels the render's token when the host has raised its abort flag.</summary>
    public void PollAbort()
    {
        if (!abort.IsCancellationRequested && instance.Suites.Abort(instance.Handle))
            abort.Cancel();
        abort.Token.ThrowIfCancellationRequested();
    }

    private (Frame Frame, OfxRectI Rect) Read(int index)
    {
        PollAbort();
        using var image = instance.Source.GetImage(first + index);
        var rect = image.View.Bounds;
        return (PixelConversion.Read(image.View, rect), rect);
    }
}
