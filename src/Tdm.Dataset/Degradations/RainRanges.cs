namespace Tdm.Dataset.Degradations;

/// <summary>
/// Rain-streak ranges: density (the fraction of pixels that seed a drop), streak length and width in pixels, angle
/// in degrees from vertical (positive leans down-right) and the streak layer's brightness.
/// </summary>
public sealed record RainRanges
{
    /// <summary>Fraction of pixels seeding a streak.</summary>
    public ParameterRange Density { get; init; } = new(0.002, 0.012);

    /// <summary>Streak length, pixels.</summary>
    public ParameterRange Length { get; init; } = new(10, 40);

    /// <summary>Streak width, pixels.</summary>
    public ParameterRange Width { get; init; } = new(1, 2.5);

    /// <summary>Angle from vertical, degrees.</summary>
    public ParameterRange Angle { get; init; } = new(-30, 30);

    /// <summary>Brightness of the streak layer.</summary>
    public ParameterRange Intensity { get; init; } = new(0.5, 0.9);
}
