namespace Tdm.Dataset.Degradations;

/// <summary>
/// Real codec compression: the x264 CRF range (higher is stronger compression), the chance of HEVC (libx265) instead
/// of H.264, and its CRF range (MFQEv2 uses HEVC at QP 22-37).
/// </summary>
public sealed record CompressionRanges
{
    /// <summary>libx264 CRF.</summary>
    public ParameterRange H264Crf { get; init; } = new(23, 40);

    /// <summary>Chance of HEVC.</summary>
    public double HevcProbability { get; init; }

    /// <summary>libx265 CRF.</summary>
    public ParameterRange HevcCrf { get; init; } = new(22, 37);
}
