namespace Tdm.Dataset.Degradations;

/// <summary>
/// The scattering model's ranges: the atmospheric light A (grey, in [0,1]) and the scattering coefficient beta per
/// unit of the depth proxy (depth in [0.2, 1]; see <see cref="HazeDegradation"/>).
/// </summary>
public sealed record HazeRanges
{
    /// <summary>Atmospheric light A.</summary>
    public ParameterRange Airlight { get; init; } = new(0.7, 1.0);

    /// <summary>Scattering coefficient beta.</summary>
    public ParameterRange Beta { get; init; } = new(0.6, 2.5);
}
