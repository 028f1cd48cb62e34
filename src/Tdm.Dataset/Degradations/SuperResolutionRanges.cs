namespace Tdm.Dataset.Degradations;

/// <summary>
/// Super-resolution input: Gaussian blur sigma (pixels of the crop; Real-ESRGAN's 0.2-3), the downscaling factor,
/// and the chances of noise and of codec compression at the low resolution (their ranges are the noise and mp4 ones).
/// </summary>
public sealed record SuperResolutionRanges
{
    /// <summary>Blur sigma, pixels.</summary>
    public ParameterRange BlurSigma { get; init; } = new(0.2, 3);

    /// <summary>Downscaling factor (the crop size must be a multiple of twice this).</summary>
    public int Factor { get; init; } = 4;

    /// <summary>Chance of noise after downscaling.</summary>
    public double NoiseProbability { get; init; } = 0.5;

    /// <summary>Chance of compression after downscaling.</summary>
    public double CompressionProbability { get; init; } = 0.5;
}
