using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Tdm.Engine.Imaging;

namespace Tdm.Evaluation.Pictures;

/// <summary>
/// Writes frames as 8-bit RGB PNG files with ImageSharp (2.1.13, pinned: later versions carry a paid licence). Write
/// only, by design: ImageSharp never decodes an image that came from a user here.
/// </summary>
public static class PngFile
{
    /// <summary>Writes <paramref name="frame"/>'s RGB (clamped to [0, 1], rounded to 8 bits; alpha dropped) to
    /// <paramref name="path"/>, through a temporary file beside it, so a reader never sees half a picture.</summary>
    public static void Write(Frame frame, string path)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var image = new Image<Rgb24>(frame.Width, frame.Height);
        float[] px = frame.Pixels;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    int i = ((y * frame.Width) + x) * 4;
                    row[x] = new Rgb24(Byte(px[i]), Byte(px[i + 1]), Byte(px[i + 2]));
                }
            }
        });
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            image.SaveAsPng(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The 8-bit value a frame's channel value is written as.</summary>
    public static byte Byte(float value) => (byte)MathF.Round(Math.Clamp(float.IsNaN(value) ? 0f : value, 0f, 1f) * 255f);
}
