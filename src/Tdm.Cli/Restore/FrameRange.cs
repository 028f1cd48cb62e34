using System.Globalization;

namespace Tdm.Cli.Restore;

/// <summary>An inclusive range of input frame numbers, as --frames A-B gives it ("17-29", or "17" for one frame).</summary>
internal readonly record struct FrameRange(int First, int Last)
{
    /// <summary>How many frames the range holds.</summary>
    public int Count => Last - First + 1;

    /// <summary>Parses "A-B" or "A"; a malformed or reversed range is a <see cref="UsageException"/>.</summary>
    public static FrameRange Parse(string text, string option = "--frames")
    {
        var dash = text.IndexOf('-', 1 < text.Length ? 1 : 0);
        var firstText = dash > 0 ? text[..dash] : text;
        var lastText = dash > 0 ? text[(dash + 1)..] : text;
        if (!int.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            throw new UsageException($"{option} must be a frame range such as 10-20 (first and last included) or one frame number, got '{text}'");
        if (last < first)
            throw new UsageException($"{option} {text}: the last frame ({last}) comes before the first ({first})");
        return new FrameRange(first, last);
    }

    /// <summary>"A-B".</summary>
    public override string ToString() => $"{First}-{Last}";
}
