using Tdm.Engine.Imaging;
using Tdm.Evaluation.Pictures;

namespace Tdm.Cli.Commands;

/// <summary>
/// The pictures 'tdm eval' writes while it streams the frames: an x-t slice of every compared frame and a contact
/// sheet of a few, REFERENCE (the input) on the left or on top, RESTORED (the output) beside or below it.
/// </summary>
internal sealed class EvalPictures
{
    private readonly string? _slicePath;
    private readonly string? _sheetPath;
    private readonly (SliceAxis Axis, int? Position) _line;
    private readonly HashSet<int> _sheetFrames;
    private readonly ContactSheet _sheet = new();
    private XtSlice? _slice;

    /// <summary>Pictures of frames <paramref name="first"/>..<paramref name="last"/>; a null path writes none of that kind.
    /// A null position is the middle line.</summary>
    public EvalPictures(string? slicePath, SliceAxis axis, int? position, string? sheetPath, int sheetFrames, int first, int last)
    {
        (_slicePath, _sheetPath, _line) = (slicePath, sheetPath, (axis, position));
        _sheetFrames = sheetPath is null ? [] : [.. ContactSheet.Pick(first, last, sheetFrames)];
    }

    /// <summary>Takes frame <paramref name="number"/> of both clips.</summary>
    public void Add(int number, Frame restored, Frame reference)
    {
        if (_slicePath is not null)
        {
            var size = _line.Axis == SliceAxis.Column ? reference.Width : reference.Height;
            var position = _line.Position ?? (size / 2);
            if (position >= size)
                throw new UsageException($"--xt-{(_line.Axis == SliceAxis.Column ? "column" : "row")} {position} is outside the {reference.Width}x{reference.Height} frames");
            _slice ??= new XtSlice(_line.Axis, position);
            _slice.Add(reference, restored);
        }
        if (_sheetFrames.Contains(number))
            _sheet.Add(reference, restored);
    }

    /// <summary>One picture written: its key in the JSON report, what it is, where.</summary>
    public sealed record Written(string Key, string Description, string Path);

    /// <summary>Writes the pictures; returns what was written, for the report.</summary>
    public IReadOnlyList<Written> Write()
    {
        var written = new List<Written>();
        if (_slicePath is not null && _slice is not null)
        {
            PngFile.Write(_slice.ToFrame(), _slicePath);
            written.Add(new("xtSlice", $"x-t slice ({(_slice.Axis == SliceAxis.Column ? "column" : "row")} {_slice.Position})", _slicePath));
        }
        if (_sheetPath is not null && _sheet.Count > 0)
        {
            PngFile.Write(_sheet.ToFrame(), _sheetPath);
            written.Add(new("contactSheet", $"contact sheet ({_sheet.Count} frames)", _sheetPath));
        }
        return written;
    }
}
