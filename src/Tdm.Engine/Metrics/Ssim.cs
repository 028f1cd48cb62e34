using Tdm.Engine.Imaging;

namespace Tdm.Engine.Metrics;

/// <summary>
/// Structural similarity (Wang, Bovik, Sheikh, Simoncelli 2004) as the reference implementation defines it:
/// an 11x11 Gaussian window (sigma 1.5), K1 = 0.01, K2 = 0.03, dynamic range L (1 for [0, 1] frames), the SSIM
/// map over the positions where the whole window fits ("valid"), averaged. Identical frames give exactly 1.
/// </summary>
internal static class Ssim
{
    /// <summary>Side of the Gaussian window.</summary>
    public const int WindowSize = 11;

    /// <summary>Standard deviation of the Gaussian window.</summary>
    public const double Sigma = 1.5;

    private const double K1 = 0.01, K2 = 0.03;
    private const int BandRows = 32; // output rows per parallel task: bounds scratch memory on 4K frames

    /// <summary>Mean SSIM of <paramref name="a"/> and <paramref name="b"/> (same size, at least 11x11; alpha ignored).</summary>
    public static double Compute(Frame a, Frame b, SsimMode mode = SsimMode.Luma, double dynamicRange = 1.0)
    {
        MetricFrames.CheckSameSize(a, b, "SSIM");
        if (a.Width < WindowSize || a.Height < WindowSize)
            throw new TdmException(TdmErrorKind.BadArgument,
                $"SSIM needs frames of at least {WindowSize}x{WindowSize} (its window), got {a.Width}x{a.Height}");
        if (mode == SsimMode.Luma)
            return MeanSsim(MetricFrames.Plane(a, -1), MetricFrames.Plane(b, -1), a.Width, a.Height, dynamicRange);
        double sum = 0;
        for (int c = 0; c < 3; c++)
            sum += MeanSsim(MetricFrames.Plane(a, c), MetricFrames.Plane(b, c), a.Width, a.Height, dynamicRange);
        return sum / 3;
    }

    /// <summary>Mean of the valid SSIM map of two planes, by separable Gaussian filtering in row bands.</summary>
    internal static double MeanSsim(float[] x, float[] y, int w, int h, double dynamicRange)
    {
        double[] g = GaussianWindow();
        double c1 = K1 * dynamicRange * (K1 * dynamicRange), c2 = K2 * dynamicRange * (K2 * dynamicRange);
        int ow = w - WindowSize + 1, oh = h - WindowSize + 1;
        var rowSums = new double[oh];
        int bands = (oh + BandRows - 1) / BandRows;
        Parallel.For(0, bands, band =>
        {
            int y0 = band * BandRows, y1 = Math.Min(oh, y0 + BandRows);
            int rows = y1 - y0 + WindowSize - 1;
            // Horizontally filtered x, y, x^2, y^2, xy for the band's input rows: five [rows, ow] maps. Double:
            // the variances are differences of nearly equal moments, and float rounding there is not small next
            // to C2 = 9e-4 on flat areas.
            var maps = new double[5 * rows * ow];
            int m = rows * ow;
            for (int r = 0; r < rows; r++)
            {
                var xr = x.AsSpan((y0 + r) * w, w);
                var yr = y.AsSpan((y0 + r) * w, w);
                for (int ox = 0; ox < ow; ox++)
                {
                    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                    for (int k = 0; k < WindowSize; k++)
                    {
                        double gk = g[k], vx = xr[ox + k], vy = yr[ox + k];
                        sx += gk * vx;
                        sy += gk * vy;
                        sxx += gk * vx * vx;
                        syy += gk * vy * vy;
                        sxy += gk * vx * vy;
                    }
                    int i = (r * ow) + ox;
                    (maps[i], maps[m + i], maps[(2 * m) + i], maps[(3 * m) + i], maps[(4 * m) + i]) = (sx, sy, sxx, syy, sxy);
                }
            }
            for (int oy = y0; oy < y1; oy++)
            {
                double rowSum = 0;
                for (int ox = 0; ox < ow; ox++)
                {
                    double mx = 0, my = 0, exx = 0, eyy = 0, exy = 0;
                    for (int k = 0; k < WindowSize; k++)
                    {
                        int i = ((oy - y0 + k) * ow) + ox;
                        double gk = g[k];
                        mx += gk * maps[i];
                        my += gk * maps[m + i];
                        exx += gk * maps[(2 * m) + i];
                        eyy += gk * maps[(3 * m) + i];
                        exy += gk * maps[(4 * m) + i];
                    }
                    // SSIM = (2 mu_x mu_y + C1)(2 sigma_xy + C2) / ((mu_x^2 + mu_y^2 + C1)(sigma_x^2 + sigma_y^2 + C2))
                    double vx = exx - (mx * mx), vy = eyy - (my * my), cxy = exy - (mx * my);
                    rowSum += ((2 * mx * my) + c1) * ((2 * cxy) + c2) / (((mx * mx) + (my * my) + c1) * (vx + vy + c2));
                }
                rowSums[oy] = rowSum;
            }
        });
        return MetricFrames.SumInOrder(rowSums) / ((double)ow * oh);
    }

    /// <summary>The normalised 1-D Gaussian; the 2-D window is its outer product.</summary>
    internal static double[] GaussianWindow()
    {
        var g = new double[WindowSize];
        double sum = 0;
        for (int i = 0; i < WindowSize; i++)
        {
            double d = i - (WindowSize / 2);
            g[i] = Math.Exp(-(d * d) / (2 * Sigma * Sigma));
            sum += g[i];
        }
        for (int i = 0; i < WindowSize; i++)
            g[i] /= sum;
        return g;
    }
}
