namespace Tdm.Engine.Metrics;

/// <summary>Which signal <see cref="Ssim"/> compares.</summary>
public enum SsimMode
{
    /// <summary>Rec. 601 luma (0.299 R + 0.587 G + 0.114 B): the usual figure in restoration papers.</summary>
    Luma,
    /// <summary>Each of R, G and B separately, then the mean of the three.</summary>
    Rgb,
}
