using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Media;

/// <summary>8-bit RGB PNG files written and read through ffmpeg (the way the command line writes image sequences).</summary>
public static class PngFile
{
    /// <summary>Writes <paramref name="frame"/> (alpha dropped, rounded to 8 bits) to <paramref name="path"/> atomically.</summary>
    public static void Write(FfmpegTools tools, Frame frame, string path)
    {
        var temporary = AtomicFile.TemporaryPathFor(path);
        try
        {
            FfmpegPipe.Run(tools,
                ["-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgba", "-s", $"{frame.Width}x{frame.Height}", "-i", "-",
                 "-frames:v", "1", "-c:v", "png", "-pix_fmt", "rgb24", "-fflags", "+bitexact", "-f", "image2", "-update", "1", temporary],
                RawPixels.FromFrame(frame, RawPixelFormat.Rgba8), $"write '{path}'");
            AtomicFile.Commit(temporary, path);
        }
        finally
        {
            AtomicFile.DeleteIfPresent(temporary);
        }
    }

    /// <summary>Reads an image file of known size as RGBA.</summary>
    public static Frame Read(FfmpegTools tools, string path, int width, int height) =>
        Degradations.CompressionDegradation.DecodeFirstFrame(tools, path, width, height);

    /// <summary>Rounds a frame's samples to the 8-bit levels a PNG stores (in place) and returns it.</summary>
    public static Frame Quantise(Frame frame)
    {
        var pixels = frame.Pixels;
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = MathF.Round(Math.Clamp(pixels[i], 0f, 1f) * 255f) / 255f;
        return frame;
    }
}
