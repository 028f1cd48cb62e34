using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Metrics;

namespace Tdm.Cli.Bench;

/// <summary>
/// How far a frame (or a set of frames) is from its reference, over the RGB channels as floats in [0, 1] (alpha is
/// passed through by the engine and ignored here, as <see cref="Psnr"/> does): the largest and the mean absolute
/// difference, and the mean squared difference that PSNR is computed from.
/// </summary>
/// <param name="MaxAbs">The largest absolute difference of any channel of any pixel.</param>
/// <param name="MeanAbs">The mean absolute difference over every RGB value.</param>
/// <param name="MeanSquared">The mean squared difference over every RGB value.</param>
/// <param name="Values">How many RGB values were compared (weights <see cref="Combine"/>).</param>
internal readonly record struct FrameDifference(double MaxAbs, double MeanAbs, double MeanSquared, long Values)
{
    /// <summary>PSNR in dB for a peak of 1; +infinity for identical frames.</summary>
    public double Psnr => double.IsNaN(MeanSquared) ? double.NaN : FrameMetrics.PsnrFromMeanSquaredError(MeanSquared);

    /// <summary>The difference of <paramref name="candidate"/> from <paramref name="reference"/> (same size).</summary>
    public static FrameDifference Between(Frame reference, Frame candidate)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidate);
        if (reference.Width != candidate.Width || reference.Height != candidate.Height)
            throw new TdmException(TdmErrorKind.Internal,
                $"frames of different sizes cannot be compared: {reference.Width}x{reference.Height} and {candidate.Width}x{candidate.Height}");
        float[] a = reference.Pixels, b = candidate.Pixels;
        double max = 0, sumAbs = 0, sumSquared = 0;
        for (int i = 0; i < a.Length; i += 4)
            for (int c = 0; c < 3; c++)
            {
                double d = Math.Abs((double)a[i + c] - b[i + c]);
                max = Math.Max(max, d);
                sumAbs += d;
                sumSquared += d * d;
            }
        // A NaN anywhere must not read as "no difference": it makes every figure NaN, which fails every tolerance.
        if (double.IsNaN(sumAbs))
            max = double.NaN;
        long values = 3L * reference.Width * reference.Height;
        return new FrameDifference(max, sumAbs / values, sumSquared / values, values);
    }

    /// <summary>The difference over several frames taken together: the largest maximum, and the means weighted by
    /// the number of values (so PSNR is that of all pixels at once, not a mean of per-frame decibels).</summary>
    public static FrameDifference Combine(IReadOnlyCollection<FrameDifference> parts)
    {
        if (parts.Count == 0)
            throw new TdmException(TdmErrorKind.Internal, "no frames to combine");
        long values = parts.Sum(p => p.Values);
        // Enumerable.Max skips NaN; a NaN frame must make the whole set NaN.
        double max = parts.Any(p => double.IsNaN(p.MaxAbs)) ? double.NaN : parts.Max(p => p.MaxAbs);
        return new FrameDifference(max, parts.Sum(p => p.MeanAbs * p.Values) / values, parts.Sum(p => p.MeanSquared * p.Values) / values, values);
    }
}
