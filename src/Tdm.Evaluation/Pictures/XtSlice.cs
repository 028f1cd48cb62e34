using Tdm.Engine.Imaging;

namespace Tdm.Evaluation.Pictures;

/// <summary>
/// An x-t slice: the same line (a column or a row) of every frame, stacked in time, input and output side by side
/// with a white gap between. Flicker shows as streaks across time, steady content as straight lines along it, motion
/// as slanted ones. For a column slice, picture column t is frame t's column (input on the left, output from
/// <see cref="Gap"/> + T on); for a row slice, picture row t holds frame t's row (input left, output right).
/// Frames are added one pair at a time, so only the slices are kept.
/// </summary>
public sealed class XtSlice
{
    /// <summary>Pixels of white between the input and the output.</summary>
    public const int Gap = 4;

    private readonly List<(float[] Input, float[] Output)> _lines = [];
    private int _length = -1;

    /// <summary>A slice along <paramref name="axis"/> at <paramref name="position"/> (a column's x or a row's y).</summary>
    public XtSlice(SliceAxis axis, int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        (Axis, Position) = (axis, position);
    }

    /// <summary>Which line of each frame is taken.</summary>
    public SliceAxis Axis { get; }

    /// <summary>The column's x or the row's y.</summary>
    public int Position { get; }

    /// <summary>Frames added so far (T).</summary>
    public int Count => _lines.Count;

    /// <summary>Takes the line of frame t (the next in order) from the input and the output (RGBA, one size).</summary>
    public void Add(Frame input, Frame output)
    {
        if ((input.Width, input.Height) != (output.Width, output.Height))
            throw new ArgumentException($"input {input.Width}x{input.Height} and output {output.Width}x{output.Height} differ in size");
        int limit = Axis == SliceAxis.Column ? input.Width : input.Height;
        if (Position >= limit)
            throw new ArgumentOutOfRangeException(nameof(input), $"the frames have no {(Axis == SliceAxis.Column ? "column" : "row")} {Position} (they are {input.Width}x{input.Height})");
        int length = Axis == SliceAxis.Column ? input.Height : input.Width;
        if (_length >= 0 && length != _length)
            throw new ArgumentException("every frame of a slice has one size");
        _length = length;
        _lines.Add((Line(input), Line(output)));
    }

    /// <summary>The picture: (2 T + Gap) x H for a column slice, (2 W + Gap) x T for a row slice.</summary>
    public Frame ToFrame()
    {
        if (_lines.Count == 0)
            throw new InvalidOperationException("an x-t slice needs at least one frame");
        int t = _lines.Count, n = _length;
        var picture = Axis == SliceAxis.Column ? new Frame((2 * t) + Gap, n) : new Frame((2 * n) + Gap, t);
        Array.Fill(picture.Pixels, 1f);
        for (int i = 0; i < t; i++)
            for (int k = 0; k < n; k++)
            {
                bool column = Axis == SliceAxis.Column;
                _lines[i].Input.AsSpan(4 * k, 4).CopyTo(column ? picture[i, k] : picture[k, i]);
                _lines[i].Output.AsSpan(4 * k, 4).CopyTo(column ? picture[t + Gap + i, k] : picture[n + Gap + k, i]);
            }
        return picture;
    }

    private float[] Line(Frame frame)
    {
        if (Axis == SliceAxis.Row)
            return frame.Pixels.AsSpan(Position * frame.Width * 4, frame.Width * 4).ToArray();
        var column = new float[frame.Height * 4];
        for (int y = 0; y < frame.Height; y++)
            frame[Position, y].CopyTo(column.AsSpan(4 * y, 4));
        return column;
    }
}
