using System.Numerics;
using Tdm.Dataset.Degradations;
using Tdm.Dataset.Media;
using Tdm.Dataset.Tests.Support;

namespace Tdm.Dataset.Tests.Degradations;

public class SuperResolutionDegradationTests
{
    // Energy above the low resolution's Nyquist frequency, relative to the clean crop's there, may be at most this.
    private const double MaxHighBandRatio = 0.05;
    private const int Size = 64;

    [Theory]
    [InlineData(4, 0.2)]
    [InlineData(4, 2.0)]
    [InlineData(2, 0.5)]
    public void Apply_WhiteNoise_SpectrumAboveFactorsNyquistAttenuated(int factor, double blur)
    {
        var clean = TestImages.Random(Size, 5);
        var tools = FfmpegTools.FromEnvironment();
        var degradation = new SuperResolutionDegradation(
            new SuperResolutionRanges { Factor = factor, BlurSigma = new(blur, blur), NoiseProbability = 0, CompressionProbability = 0 },
            new NoiseDegradation(new NoiseRanges(), "sr_noise"), new CompressionDegradation(new CompressionRanges(), tools, "sr_mp4"));
        var record = new DegradationRecord();
        var input = PngFile.Quantise(degradation.Apply(clean, new PairRandom(1, 1), record));

        Assert.Equal(Size, input.Width);
        Assert.Equal(factor, (int)record.Get("sr_factor")!);
        var ratio = HighBandEnergy(input, factor) / HighBandEnergy(clean, factor);
        Assert.True(ratio <= MaxHighBandRatio, $"energy above 1/{2 * factor} cycles per pixel kept {ratio:P2} of the clean crop's (at most {MaxHighBandRatio:P0})");
    }

    [Fact]
    public void Apply_WithNoiseAndCompression_RecordsBothAndKeepsSize()
    {
        var tools = FfmpegTools.FromEnvironment();
        var degradation = new SuperResolutionDegradation(
            new SuperResolutionRanges { NoiseProbability = 1, CompressionProbability = 1 },
            new NoiseDegradation(new NoiseRanges(), "sr_noise"), new CompressionDegradation(new CompressionRanges(), tools, "sr_mp4"));
        var record = new DegradationRecord();
        var input = degradation.Apply(TestImages.Textured(64, 64, 3), new PairRandom(2, 2), record);
        Assert.Equal((64, 64), (input.Width, input.Height));
        Assert.NotNull(record.Get("sr_noise"));
        Assert.NotNull(record.Get("sr_mp4_crf"));
    }

    // Sum of |F(u, v)|^2 of the red channel (mean removed) over frequencies with max(|u|, |v|) above N / (2 factor).
    private static double HighBandEnergy(Tdm.Engine.Imaging.Frame frame, int factor)
    {
        var n = frame.Width;
        var mean = 0.0;
        for (var i = 0; i < frame.Pixels.Length; i += 4)
            mean += frame.Pixels[i];
        mean /= n * n;
        var rows = new Complex[n, n];
        for (var y = 0; y < n; y++)
            for (var u = 0; u < n; u++)
            {
                var sum = Complex.Zero;
                for (var x = 0; x < n; x++)
                    sum += (frame[x, y][0] - mean) * Complex.FromPolarCoordinates(1, -2 * Math.PI * u * x / n);
                rows[y, u] = sum;
            }
        var cutoff = n / (2 * factor);
        var energy = 0.0;
        for (var u = 0; u < n; u++)
            for (var v = 0; v < n; v++)
            {
                var fu = Math.Min(u, n - u);
                var fv = Math.Min(v, n - v);
                if (Math.Max(fu, fv) <= cutoff)
                    continue;
                var sum = Complex.Zero;
                for (var y = 0; y < n; y++)
                    sum += rows[y, u] * Complex.FromPolarCoordinates(1, -2 * Math.PI * v * y / n);
                energy += sum.Magnitude * sum.Magnitude;
            }
        return energy;
    }
}
