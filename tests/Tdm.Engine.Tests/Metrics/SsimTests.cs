using Tdm.Engine.Imaging;
using Tdm.Engine.Metrics;
using Tdm.Engine.Tests.Imaging;

namespace Tdm.Engine.Tests.Metrics;

public class SsimTests
{
    [Theory]
    [InlineData(SsimMode.Luma)]
    [InlineData(SsimMode.Rgb)]
    public void Compute_IdenticalFrames_IsOne(SsimMode mode)
    {
        var f = TestFrames.Textured(40, 30);
        Assert.Equal(1.0, Ssim.Compute(f, f.Clone(), mode), 12);
    }

    [Fact]
    public void Compute_FlatFramesWithOffset_MatchesLuminanceTermFormula()
    {
        // Flat a = 0.5 vs b = 0.6: no variance, so SSIM = (2ab + C1) / (a^2 + b^2 + C1) with C1 = 0.01^2.
        const double Tolerance = 1e-6;
        double expected = ((2 * 0.5 * 0.6) + 1e-4) / ((0.25 + 0.36) + 1e-4);
        double ssim = Ssim.Compute(TestFrames.Constant(24, 20, 0.5f, 0.5f, 0.5f), TestFrames.Constant(24, 20, 0.6f, 0.6f, 0.6f));
        Assert.True(Math.Abs(ssim - expected) < Tolerance, $"SSIM {ssim}, expected {expected} (tolerance {Tolerance})");
    }

    [Fact]
    public void Compute_RandomPair_MatchesDirectWindowedDefinition()
    {
        // The separable, banded implementation against the definition evaluated window by window in double.
        const double Tolerance = 1e-5;
        var a = TestFrames.Textured(45, 70, seed: 1, noise: 0.2f);
        var b = TestFrames.Textured(45, 70, seed: 1, noise: 0.2f);
        for (int i = 0; i < b.Pixels.Length; i++)
            b.Pixels[i] += 0.1f * TestFrames.Hash(i, 7, 1, 9);
        foreach (var mode in new[] { SsimMode.Luma, SsimMode.Rgb })
        {
            double fast = Ssim.Compute(a, b, mode);
            double direct = mode == SsimMode.Luma ? Direct(a, b, -1)
                : (Direct(a, b, 0) + Direct(a, b, 1) + Direct(a, b, 2)) / 3;
            Assert.True(Math.Abs(fast - direct) < Tolerance, $"{mode}: SSIM {fast}, direct {direct} (tolerance {Tolerance})");
            Assert.InRange(fast, 0.05, 0.99); // a real, partial similarity
        }
    }

    [Fact]
    public void Compute_MoreNoise_LowerSsim()
    {
        var a = TestFrames.Textured(48, 48, noise: 0f);
        var light = TestFrames.Map(a, (v, c) => v);
        var heavy = TestFrames.Map(a, (v, c) => v);
        for (int i = 0; i < a.Pixels.Length; i++)
        {
            light.Pixels[i] += 0.02f * TestFrames.Hash(i, 1, 2, 3);
            heavy.Pixels[i] += 0.2f * TestFrames.Hash(i, 1, 2, 3);
        }
        Assert.True(Ssim.Compute(a, light) > Ssim.Compute(a, heavy));
    }

    [Fact]
    public void Compute_SmallerThanWindow_ThrowsBadArgument()
    {
        var e = Assert.Throws<TdmException>(() => Ssim.Compute(TestFrames.Textured(10, 40), TestFrames.Textured(10, 40)));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
    }

    private static double Direct(Frame a, Frame b, int channel)
    {
        const int N = 11;
        var g = new double[N, N];
        double gs = 0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                gs += g[i, j] = Math.Exp(-(((i - 5) * (i - 5)) + ((j - 5) * (j - 5))) / (2 * 1.5 * 1.5));
        double Value(Frame f, int x, int y) => channel < 0
            ? (0.299 * f[x, y][0]) + (0.587 * f[x, y][1]) + (0.114 * f[x, y][2])
            : f[x, y][channel];
        double sum = 0;
        int count = 0;
        for (int y = 0; y + N <= a.Height; y++)
            for (int x = 0; x + N <= a.Width; x++)
            {
                double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
                for (int j = 0; j < N; j++)
                    for (int i = 0; i < N; i++)
                    {
                        double w = g[j, i] / gs, va = Value(a, x + i, y + j), vb = Value(b, x + i, y + j);
                        mx += w * va; my += w * vb; xx += w * va * va; yy += w * vb * vb; xy += w * va * vb;
                    }
                double c1 = 1e-4, c2 = 9e-4;
                sum += ((2 * mx * my) + c1) * ((2 * (xy - (mx * my))) + c2)
                    / (((mx * mx) + (my * my) + c1) * ((xx - (mx * mx)) + (yy - (my * my)) + c2));
                count++;
            }
        return sum / count;
    }
}
