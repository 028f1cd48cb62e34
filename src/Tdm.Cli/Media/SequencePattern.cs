using System.Globalization;
using Tdm.Engine;

namespace Tdm.Cli.Media;

/// <summary>
/// An image sequence named by a printf-style pattern, as ffmpeg's image2 reads and writes it: one "%d" or "%0Nd" in
/// the file name (not the folder), "%%" for a literal percent sign. Frame numbers are the numbers in the names.
/// </summary>
internal sealed class SequencePattern
{
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly int _width;

    private SequencePattern(string path, string directory, string prefix, string suffix, int width)
    {
        Path = path;
        Directory = directory;
        _prefix = prefix;
        _suffix = suffix;
        _width = width;
    }

    /// <summary>The pattern as given (for ffmpeg, which understands the same syntax).</summary>
    public string Path { get; }

    /// <summary>The folder the frames are in.</summary>
    public string Directory { get; }

    /// <summary>The file extension, lower case, without the dot ("png").</summary>
    public string Extension => System.IO.Path.GetExtension(_suffix).TrimStart('.').ToLowerInvariant();

    /// <summary>Whether <paramref name="path"/> names an image sequence (has a %d or %0Nd in its file name).</summary>
    public static bool IsPattern(string path) => TryParse(path, out _, out _, out _);

    /// <summary>Parses a pattern; a path with no frame-number directive is an error naming it.</summary>
    public static SequencePattern Parse(string path)
    {
        // Found by the fuzzer: GetFullPath throws ArgumentException on a NUL, which no file name can hold.
        if (path.Contains('\0', StringComparison.Ordinal))
            throw new TdmException(TdmErrorKind.BadArgument, $"'{path.Replace("\0", "\\0", StringComparison.Ordinal)}' holds a NUL character, which no file name can");
        if (!TryParse(path, out var prefix, out var suffix, out var width))
            throw new TdmException(TdmErrorKind.BadArgument,
                $"'{path}' is not an image sequence pattern: put one %d or %04d where the frame number goes, e.g. frames/frame_%04d.png");
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? "/";
        return new SequencePattern(path, directory, prefix, suffix, width);
    }

    /// <summary>The file name (without folder) of frame <paramref name="number"/>.</summary>
    public string FileNameOf(int number) =>
        _prefix + number.ToString(_width > 0 ? new string('0', _width) : "0", CultureInfo.InvariantCulture) + _suffix;

    /// <summary>The full path of frame <paramref name="number"/>.</summary>
    public string PathOf(int number) => System.IO.Path.Combine(Directory, FileNameOf(number));

    /// <summary>
    /// The frame numbers of the files that exist, ascending; a name counts only if formatting its number gives
    /// exactly that name (so frame_0001.png matches %04d, frame_1.png does not). Empty when the folder is missing.
    /// </summary>
    public IReadOnlyList<int> FindNumbers()
    {
        var numbers = new List<int>();
        if (!System.IO.Directory.Exists(Directory))
            return numbers;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
            if (TryNumberOf(System.IO.Path.GetFileName(file), out var number))
                numbers.Add(number);
        numbers.Sort();
        return numbers;
    }

    /// <summary>The frame number a file name carries, when formatting that number gives exactly the name.</summary>
    public bool TryNumberOf(string fileName, out int number)
    {
        number = 0;
        if (fileName.Length <= _prefix.Length + _suffix.Length
            || !fileName.StartsWith(_prefix, StringComparison.Ordinal) || !fileName.EndsWith(_suffix, StringComparison.Ordinal))
            return false;
        var digits = fileName.AsSpan(_prefix.Length, fileName.Length - _prefix.Length - _suffix.Length);
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && FileNameOf(number) == fileName;
    }

    private static bool TryParse(string path, out string prefix, out string suffix, out int width)
    {
        prefix = suffix = "";
        width = 0;
        if (path.Contains('\0', StringComparison.Ordinal))
            return false;
        var name = System.IO.Path.GetFileName(path);
        var literal = new System.Text.StringBuilder();
        var found = false;
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != '%')
            {
                literal.Append(name[i]);
                continue;
            }
            if (i + 1 < name.Length && name[i + 1] == '%')
            {
                literal.Append('%');
                i++;
                continue;
            }
            // %d or %0Nd (ffmpeg's image2 accepts exactly these).
            var j = i + 1;
            var w = 0;
            if (j < name.Length && name[j] == '0')
            {
                j++;
                var start = j;
                while (j < name.Length && char.IsAsciiDigit(name[j]))
                    j++;
                if (j == start || !int.TryParse(name.AsSpan(start, j - start), NumberStyles.None, CultureInfo.InvariantCulture, out w) || w > 12)
                    return false;
            }
            if (j >= name.Length || name[j] != 'd' || found)
                return false;
            found = true;
            prefix = literal.ToString();
            literal.Clear();
            width = w;
            i = j;
        }
        if (!found)
            return false;
        suffix = literal.ToString();
        return true;
    }
}
