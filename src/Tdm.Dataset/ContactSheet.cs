using Tdm.Dataset.Media;
using Tdm.Engine.Imaging;

namespace Tdm.Dataset;

/// <summary>
/// A contact sheet of sample pairs: one row per task, each cell the degraded input beside its clean target, at
/// <paramref name="thumbnail"/> pixels, the first <paramref name="perTask"/> pairs of each task, written as a PNG.
/// </summary>
public sealed class ContactSheet(FfmpegTools tools, int perTask = 3, int thumbnail = 128)
{
    private const int Gap = 4;

    /// <summary>Writes the sheet of <paramref name="report"/>'s pairs in <paramref name="folder"/> to <paramref name="path"/>.</summary>
    public void Write(string folder, DatasetReport report, string path)
    {
        var rows = report.Pairs.GroupBy(p => p.Task).Select(g => g.Take(perTask).ToArray()).ToArray();
        var columns = Math.Max(1, rows.Length == 0 ? 1 : rows.Max(r => r.Length));
        var cell = (2 * thumbnail) + Gap;
        var sheet = new Frame((columns * (cell + Gap)) + Gap, (Math.Max(1, rows.Length) * (thumbnail + Gap)) + Gap);
        for (var i = 0; i < sheet.Pixels.Length; i++)
            sheet.Pixels[i] = i % 4 == 3 ? 1f : 0.15f;
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var x = Gap + (c * (cell + Gap));
                var y = Gap + (r * (thumbnail + Gap));
                Paste(sheet, Thumbnail(Path.Combine(folder, rows[r][c].Conditioning)), x, y);
                Paste(sheet, Thumbnail(Path.Combine(folder, rows[r][c].Image)), x + thumbnail + Gap, y);
            }
        }
        PngFile.Write(sheet, path);
    }

    private Frame Thumbnail(string path)
    {
        var (width, height) = DatasetInspection.PngSize(path) ?? throw new Tdm.Engine.TdmException(Tdm.Engine.TdmErrorKind.Input, $"'{path}' is not a PNG file");
        return PngFile.Read(tools, path, width, height).Resized(thumbnail, thumbnail);
    }

    private static void Paste(Frame sheet, Frame tile, int x0, int y0)
    {
        for (var y = 0; y < tile.Height; y++)
            tile.Pixels.AsSpan(y * tile.Width * 4, tile.Width * 4).CopyTo(sheet.Pixels.AsSpan((((y0 + y) * sheet.Width) + x0) * 4));
    }
}
