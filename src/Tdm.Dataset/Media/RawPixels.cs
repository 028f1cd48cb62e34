using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Media;

/// <summary>
/// Converts between <see cref="Frame"/> (interleaved RGBA float, [0,1]) and the raw layouts of
/// <see cref="RawPixelFormat"/>. Integer formats round to nearest and clamp; float keeps values as they are.
/// </summary>
public static class RawPixels
{
    /// <summary>ffmpeg's -pix_fmt name of a raw format.</summary>
    public static string FfmpegName(RawPixelFormat format) => format switch
    {
        RawPixelFormat.Rgba8 => "rgba",
        RawPixelFormat.Rgba16 => "rgba64le",
        RawPixelFormat.GbrapF32 => "gbrapf32le",
        _ => "gbrpf32le",
    };

    /// <summary>The raw format that holds samples of this depth without loss (float: with or without alpha).</summary>
    public static RawPixelFormat For(SampleDepth depth, bool alpha = true) => depth switch
    {
        SampleDepth.Bits8 => RawPixelFormat.Rgba8,
        SampleDepth.Bits16 => RawPixelFormat.Rgba16,
        _ => alpha ? RawPixelFormat.GbrapF32 : RawPixelFormat.GbrpF32,
    };

    /// <summary>Bytes of one width x height frame in this format.</summary>
    public static long FrameBytes(RawPixelFormat format, int width, int height) =>
        (long)width * height * (format switch { RawPixelFormat.Rgba8 => 4, RawPixelFormat.Rgba16 => 8, RawPixelFormat.GbrapF32 => 16, _ => 12 });

    /// <summary>A frame from raw bytes of exactly <see cref="FrameBytes"/> length.</summary>
    public static Frame ToFrame(ReadOnlySpan<byte> raw, RawPixelFormat format, int width, int height)
    {
        var pixels = new float[(long)width * height * 4];
        switch (format)
        {
            case RawPixelFormat.Rgba8:
                for (var i = 0; i < pixels.Length; i++)
                    pixels[i] = raw[i] / 255f;
                break;
            case RawPixelFormat.Rgba16:
                for (var i = 0; i < pixels.Length; i++)
                    pixels[i] = BinaryPrimitives.ReadUInt16LittleEndian(raw.Slice(i * 2, 2)) / 65535f;
                break;
            default:
                var planes = MemoryMarshal.Cast<byte, float>(raw);
                var count = width * height;
                var alpha = format == RawPixelFormat.GbrapF32;
                for (var p = 0; p < count; p++)
                {
                    // gbr(a)p plane order: G, B, R, A.
                    pixels[(p * 4) + 0] = planes[(2 * count) + p];
                    pixels[(p * 4) + 1] = planes[p];
                    pixels[(p * 4) + 2] = planes[count + p];
                    pixels[(p * 4) + 3] = alpha ? planes[(3 * count) + p] : 1f;
                }
                break;
        }
        return new Frame(width, height, pixels);
    }

    /// <summary>Writes <paramref name="frame"/> into <paramref name="raw"/> (of <see cref="FrameBytes"/> length).</summary>
    public static void FromFrame(Frame frame, RawPixelFormat format, Span<byte> raw)
    {
        var pixels = frame.Pixels;
        switch (format)
        {
            case RawPixelFormat.Rgba8:
                for (var i = 0; i < pixels.Length; i++)
                    raw[i] = (byte)Math.Clamp(MathF.Round(pixels[i] * 255f), 0f, 255f);
                break;
            case RawPixelFormat.Rgba16:
                for (var i = 0; i < pixels.Length; i++)
                    BinaryPrimitives.WriteUInt16LittleEndian(raw.Slice(i * 2, 2), (ushort)Math.Clamp(MathF.Round(pixels[i] * 65535f), 0f, 65535f));
                break;
            default:
                var planes = MemoryMarshal.Cast<byte, float>(raw);
                var count = frame.Width * frame.Height;
                for (var p = 0; p < count; p++)
                {
                    planes[p] = pixels[(p * 4) + 1];
                    planes[count + p] = pixels[(p * 4) + 2];
                    planes[(2 * count) + p] = pixels[(p * 4) + 0];
                    if (format == RawPixelFormat.GbrapF32)
                        planes[(3 * count) + p] = pixels[(p * 4) + 3];
                }
                break;
        }
    }

    /// <summary>A new byte array holding <paramref name="frame"/> in this format.</summary>
    public static byte[] FromFrame(Frame frame, RawPixelFormat format)
    {
        var raw = new byte[FrameBytes(format, frame.Width, frame.Height)];
        FromFrame(frame, format, raw);
        return raw;
    }
}
