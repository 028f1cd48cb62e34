using Tdm.Dataset.Degradations;
using Tdm.Dataset.Media;
using Tdm.Dataset.Tests.Support;

namespace Tdm.Dataset.Tests.Degradations;

public class NoiseDegradationTests
{
    private const double SigmaTolerance = 0.05;
    private const int Level = 128;

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Gaussian_DrawnSigma_EstimatedWithin5Percent(int seed, bool grey)
    {
        var ranges = new NoiseRanges { PoissonProbability = 0, GreyProbability = grey ? 1 : 0 };
        var record = new DegradationRecord();
        var clean = TestImages.Flat(128, Level);
        var noisy = PngFile.Quantise(new NoiseDegradation(ranges).Apply(clean, new PairRandom(seed, 7), record));

        var drawn = (double)record.Get("noise_sigma")!;
        var estimated = ResidualSigma255(clean.Pixels, noisy.Pixels);
        Assert.True(Math.Abs(estimated - drawn) <= SigmaTolerance * drawn, $"sigma drawn {drawn:F3}, estimated {estimated:F3} (tolerance {SigmaTolerance:P0})");
        Assert.Equal(grey, (bool)record.Get("noise_grey")!);
    }

    [Fact]
    public void Poisson_DrawnScale_SigmaOfShotNoiseWithin5Percent()
    {
        var ranges = new NoiseRanges { PoissonProbability = 1, GreyProbability = 0, PoissonScale = new(2, 2) };
        var record = new DegradationRecord();
        var clean = TestImages.Flat(128, Level);
        var noisy = PngFile.Quantise(new NoiseDegradation(ranges).Apply(clean, new PairRandom(5, 0), record));

        // Real-ESRGAN's Poisson noise at level x: standard deviation scale sqrt(x / 255) on [0, 1].
        var expected = 2 * Math.Sqrt(Level / 255.0 / 255) * 255;
        var estimated = ResidualSigma255(clean.Pixels, noisy.Pixels);
        Assert.Equal("poisson", record.Get("noise"));
        Assert.True(Math.Abs(estimated - expected) <= SigmaTolerance * expected, $"sigma expected {expected:F3}, estimated {estimated:F3}");
    }

    // The standard deviation of (noisy - clean) on 0-255 over the colour channels, less the variance that rounding to
    // 8 bits adds (Sheppard's correction, 1/12 of a level squared).
    private static double ResidualSigma255(float[] clean, float[] noisy)
    {
        double sum = 0, sumSquares = 0;
        var n = 0;
        for (var i = 0; i < clean.Length; i++)
        {
            if (i % 4 == 3)
                continue;
            var d = (noisy[i] - clean[i]) * 255.0;
            sum += d;
            sumSquares += d * d;
            n++;
        }
        var mean = sum / n;
        return Math.Sqrt(Math.Max(0, (sumSquares / n) - (mean * mean) - (1.0 / 12)));
    }
}
