using System.Globalization;
using Tdm.Engine;

namespace Tdm.Dataset;

/// <summary>A closed range [Min, Max] a degradation parameter is drawn from uniformly; Min = Max fixes it.</summary>
public readonly record struct ParameterRange(double Min, double Max)
{
    /// <summary>Parses "MIN,MAX" or a single value; <paramref name="what"/> names the option in messages.</summary>
    public static ParameterRange Parse(string text, string what)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is 1 or 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var min)
            && double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var max)
            && double.IsFinite(min) && double.IsFinite(max) && min <= max)
            return new ParameterRange(min, max);
        throw new TdmException(TdmErrorKind.BadArgument, $"{what} '{text}' is not a range: give MIN,MAX (MIN <= MAX, for example 1,30) or one value");
    }

    /// <summary>"MIN,MAX" as <see cref="Parse"/> reads it.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Min},{Max}");
}
