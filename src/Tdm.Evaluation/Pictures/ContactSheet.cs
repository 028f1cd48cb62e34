using Tdm.Engine.Imaging;

namespace Tdm.Evaluation.Pictures;

/// <summary>
/// A contact sheet: chosen frames side by side in a grid of <c>columns</c> cells, each cell the input frame above
/// the output frame, shrunk by a whole factor (the mean of each k x k block) to at most <c>maxCellWidth</c> pixels
/// wide, with white gaps of <see cref="XtSlice.Gap"/> pixels. Frames smaller than that are copied exactly.
/// </summary>
public sealed class ContactSheet
{
    private readonly int _columns;
    private readonly int _maxCellWidth;
    private readonly List<(Frame Input, Frame Output)> _cells = [];
    private (int Width, int Height)? _size;

    /// <summary>A sheet of <paramref name="columns"/> cells a row, each at most <paramref name="maxCellWidth"/> pixels wide.</summary>
    public ContactSheet(int columns = 4, int maxCellWidth = 320)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCellWidth, 1);
        (_columns, _maxCellWidth) = (columns, maxCellWidth);
    }

    /// <summary>Cells added so far.</summary>
    public int Count => _cells.Count;

    /// <summary>
    /// Up to <paramref name="count"/> frame numbers spread evenly over <paramref name="first"/>..<paramref name="last"/>,
    /// both ends included.
    /// </summary>
    public static IReadOnlyList<int> Pick(int first, int last, int count)
    {
        int available = last - first + 1;
        if (available <= 0 || count <= 0)
            return [];
        if (count >= available)
            return [.. Enumerable.Range(first, available)];
        if (count == 1)
            return [first];
        return [.. Enumerable.Range(0, count).Select(i => first + (int)((long)i * (available - 1) / (count - 1)))];
    }

    /// <summary>Adds a cell: the input frame and the output frame (one size; every cell of a sheet has one size).</summary>
    public void Add(Frame input, Frame output)
    {
        if ((input.Width, input.Height) != (output.Width, output.Height) || (_size is { } size && size != (input.Width, input.Height)))
            throw new ArgumentException("every frame of a contact sheet has one size");
        _size = (input.Width, input.Height);
        int k = Factor(input.Width);
        _cells.Add((Shrink(input, k), Shrink(output, k)));
    }

    /// <summary>The whole factor a frame <paramref name="width"/> wide is shrunk by.</summary>
    public int Factor(int width) => (width + _maxCellWidth - 1) / _maxCellWidth;

    /// <summary>The sheet: columns x rows cells of (cell width) x (2 cell heights + gap), white gaps between cells.</summary>
    public Frame ToFrame()
    {
        if (_cells.Count == 0)
            throw new InvalidOperationException("a contact sheet needs at least one frame");
        int cw = _cells[0].Input.Width, ch = _cells[0].Input.Height, gap = XtSlice.Gap;
        int columns = Math.Min(_columns, _cells.Count), rows = (_cells.Count + columns - 1) / columns;
        int cellHeight = (2 * ch) + gap;
        var sheet = new Frame((columns * cw) + ((columns - 1) * gap), (rows * cellHeight) + ((rows - 1) * gap));
        Array.Fill(sheet.Pixels, 1f);
        for (int i = 0; i < _cells.Count; i++)
        {
            int x0 = (i % columns) * (cw + gap), y0 = (i / columns) * (cellHeight + gap);
            Paste(sheet, _cells[i].Input, x0, y0);
            Paste(sheet, _cells[i].Output, x0, y0 + ch + gap);
        }
        return sheet;
    }

    private static void Paste(Frame sheet, Frame cell, int x0, int y0)
    {
        for (int y = 0; y < cell.Height; y++)
            cell.Pixels.AsSpan(y * cell.Width * 4, cell.Width * 4).CopyTo(sheet.Pixels.AsSpan((((y0 + y) * sheet.Width) + x0) * 4));
    }

    private static Frame Shrink(Frame frame, int k)
    {
        if (k == 1)
            return frame.Clone();
        int w = Math.Max(1, frame.Width / k), h = Math.Max(1, frame.Height / k);
        var small = new Frame(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                var target = small[x, y];
                for (int dy = 0; dy < k && (y * k) + dy < frame.Height; dy++)
                    for (int dx = 0; dx < k && (x * k) + dx < frame.Width; dx++)
                    {
                        var source = frame[(x * k) + dx, (y * k) + dy];
                        for (int c = 0; c < 4; c++)
                            target[c] += source[c] / (k * k);
                    }
            }
        return small;
    }
}
