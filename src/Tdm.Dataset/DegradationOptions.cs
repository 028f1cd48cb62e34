using Tdm.Dataset.Degradations;

namespace Tdm.Dataset;

/// <summary>Every degradation's ranges; the defaults are the documented ones (README, "Training data").</summary>
public sealed record DegradationOptions
{
    /// <summary>denoise.</summary>
    public NoiseRanges Noise { get; init; } = new();

    /// <summary>dehaze.</summary>
    public HazeRanges Haze { get; init; } = new();

    /// <summary>derain.</summary>
    public RainRanges Rain { get; init; } = new();

    /// <summary>mp4.</summary>
    public CompressionRanges Compression { get; init; } = new();

    /// <summary>sr.</summary>
    public SuperResolutionRanges SuperResolution { get; init; } = new();

    /// <summary>The noise after sr's downscaling (milder than denoise's).</summary>
    public NoiseRanges SuperResolutionNoise { get; init; } = new() { GaussianSigma = new(1, 10), PoissonScale = new(0.05, 1) };
}
