using System.Globalization;

namespace Tdm.Cli.Media;

/// <summary>A frame rate as ffmpeg writes it, a ratio such as 30000/1001, kept exact.</summary>
internal readonly record struct FrameRate(int Numerator, int Denominator)
{
    /// <summary>Frames per second.</summary>
    public double PerSecond => (double)Numerator / Denominator;

    /// <summary>Whether the rate is known (ffprobe writes 0/0 when it is not).</summary>
    public bool IsKnown => Numerator > 0 && Denominator > 0;

    /// <summary>Parses "30000/1001", "25" or "23.976"; null when the text is none of those or not positive.</summary>
    public static FrameRate? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            if (int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && n > 0 && d > 0)
                return new FrameRate(n, d);
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fps) && fps > 0 && fps < 100_000)
        {
            // 23.976 and friends: a denominator of 1000 keeps three decimals exactly.
            var thousandths = (int)Math.Round(fps * 1000);
            return thousandths % 1000 == 0 ? new FrameRate(thousandths / 1000, 1) : new FrameRate(thousandths, 1000);
        }
        return null;
    }

    /// <summary>"n/d", the form ffmpeg's -framerate and -r accept.</summary>
    public override string ToString() => $"{Numerator}/{Denominator}";
}
