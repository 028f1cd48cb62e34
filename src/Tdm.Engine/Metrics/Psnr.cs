using Tdm.Engine.Imaging;

namespace Tdm.Engine.Metrics;

/// <summary>
/// Peak signal-to-noise ratio over the RGB channels of two frames (alpha ignored), on the float values as they are
/// (no 8-bit quantisation): 10 log10(peak^2 / MSE) decibels; identical frames give +infinity.
/// </summary>
internal static class Psnr
{
    /// <summary>PSNR in dB between <paramref name="a"/> and <paramref name="b"/> (same size), for values of range <paramref name="peak"/>.</summary>
    public static double Compute(Frame a, Frame b, double peak = 1.0) => FromMse(MeanSquaredError(a, b), peak);

    /// <summary>PSNR in dB for a mean squared error; +infinity when it is 0.</summary>
    public static double FromMse(double mse, double peak = 1.0)
    {
        if (mse < 0 || double.IsNaN(mse))
            throw new TdmException(TdmErrorKind.BadArgument, $"a mean squared error cannot be {mse}");
        return mse == 0 ? double.PositiveInfinity : 10.0 * Math.Log10(peak * peak / mse);
    }

    /// <summary>Mean of the squared RGB differences (alpha ignored) of two frames of one size.</summary>
    public static double MeanSquaredError(Frame a, Frame b)
    {
        MetricFrames.CheckSameSize(a, b, "PSNR");
        int w = a.Width, h = a.Height;
        var rowSums = new double[h];
        float[] pa = a.Pixels, pb = b.Pixels;
        Parallel.For(0, h, y =>
        {
            var ra = pa.AsSpan(y * w * 4, w * 4);
            var rb = pb.AsSpan(y * w * 4, w * 4);
            double sum = 0;
            for (int i = 0; i < ra.Length; i += 4)
            {
                double d0 = ra[i] - rb[i], d1 = ra[i + 1] - rb[i + 1], d2 = ra[i + 2] - rb[i + 2];
                sum += (d0 * d0) + (d1 * d1) + (d2 * d2);
            }
            rowSums[y] = sum;
        });
        return MetricFrames.SumInOrder(rowSums) / (3.0 * w * h);
    }
}
