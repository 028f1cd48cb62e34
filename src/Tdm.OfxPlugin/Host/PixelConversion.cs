using Tdm.Engine.Imaging;
using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>
/// Host pixels to and from the engine's <see cref="Frame"/> (RGBA float, top row first). Integer depths map to
/// [0, 1] (byte / 255, short / 65535) and back with rounding and clamping; RGB reads with alpha 1 and writes drop
/// alpha. A frame covers a rectangle of pixel coordinates whose top row is y2 - 1 (OpenFX's y grows upwards).
/// </summary>
internal static unsafe class PixelConversion
{
    /// <summary>Reads <paramref name="rect"/> of <paramref name="src"/> into a new frame.</summary>
    public static Frame Read(ImageView src, OfxRectI rect)
    {
        var frame = new Frame(rect.Width, rect.Height);
        var channels = PixelFormat.Channels(src.Components);
        var pixels = frame.Pixels;
        for (var fy = 0; fy < rect.Height; fy++)
        {
            var row = src.PixelAddress(rect.x1, rect.y2 - 1 - fy);
            var o = fy * rect.Width * 4;
            for (var x = 0; x < rect.Width; x++, o += 4)
            {
                for (var c = 0; c < channels; c++)
                    pixels[o + c] = Load(row, (x * channels) + c, src.Depth);
                if (channels == 3)
                    pixels[o + 3] = 1f;
            }
        }
        return frame;
    }

    /// <summary>
    /// Writes the part of <paramref name="window"/> inside <paramref name="dst"/>'s bounds: pixels inside
    /// <paramref name="frameRect"/> come from <paramref name="frame"/>, the rest become transparent black.
    /// </summary>
    public static void Write(Frame frame, OfxRectI frameRect, ImageView dst, OfxRectI window)
    {
        if (frame.Width != frameRect.Width || frame.Height != frameRect.Height)
            throw new ArgumentException($"a {frame.Width}x{frame.Height} frame cannot cover {frameRect}", nameof(frame));
        var area = window.Intersect(dst.Bounds);
        var channels = PixelFormat.Channels(dst.Components);
        var pixels = frame.Pixels;
        for (var y = area.y1; y < area.y2; y++)
        {
            var row = dst.PixelAddress(area.x1, y);
            var fy = frameRect.y2 - 1 - y;
            var rowInFrame = fy >= 0 && fy < frame.Height;
            for (var x = area.x1; x < area.x2; x++)
            {
                var fx = x - frameRect.x1;
                var i = (x - area.x1) * channels;
                if (rowInFrame && fx >= 0 && fx < frame.Width)
                {
                    var o = ((fy * frame.Width) + fx) * 4;
                    for (var c = 0; c < channels; c++)
                        Store(row, i + c, dst.Depth, pixels[o + c]);
                }
                else
                {
                    for (var c = 0; c < channels; c++)
                        Store(row, i + c, dst.Depth, 0f);
                }
            }
        }
    }

    private static float Load(byte* row, int i, PixelDepth depth) => depth switch
    {
        PixelDepth.Byte => row[i] / 255f,
        PixelDepth.Short => ((ushort*)row)[i] / 65535f,
        PixelDepth.Half => (float)((Half*)row)[i],
        _ => ((float*)row)[i],
    };

    private static void Store(byte* row, int i, PixelDepth depth, float v)
    {
        switch (depth)
        {
            case PixelDepth.Byte:
                row[i] = (byte)Math.Clamp(MathF.Round(v * 255f), 0f, 255f);
                break;
            case PixelDepth.Short:
                ((ushort*)row)[i] = (ushort)Math.Clamp(MathF.Round(v * 65535f), 0f, 65535f);
                break;
            case PixelDepth.Half:
                ((Half*)row)[i] = (Half)v;
                break;
            default:
                ((float*)row)[i] = v;
                break;
        }
    }
}
