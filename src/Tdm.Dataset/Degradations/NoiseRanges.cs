namespace Tdm.Dataset.Degradations;

/// <summary>
/// The noise model's ranges (Real-ESRGAN's second-order defaults): Gaussian sigma on the 0-255 scale, Poisson scale
/// (noise = scale x (Poisson(255 x) / 255 - x)), the chance of Poisson rather than Gaussian, and the chance the
/// noise is grey (one sample for all three channels) rather than colour.
/// </summary>
public sealed record NoiseRanges
{
    /// <summary>Gaussian sigma on 0-255.</summary>
    public ParameterRange GaussianSigma { get; init; } = new(1, 30);

    /// <summary>Poisson scale.</summary>
    public ParameterRange PoissonScale { get; init; } = new(0.05, 3);

    /// <summary>Chance of Poisson noise.</summary>
    public double PoissonProbability { get; init; } = 0.5;

    /// <summary>Chance of grey noise.</summary>
    public double GreyProbability { get; init; } = 0.4;
}
