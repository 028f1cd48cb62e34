using Tdm.Cli.Bench;
using Tdm.Engine;
using Tdm.Engine.Imaging;

namespace Tdm.Cli.Tests.Bench;

public class FrameDifferenceTests
{
    /// <summary>The figures are sums of float differences taken in double: exact to float rounding of the inputs.</summary>
    private const double Tolerance = 1e-7;

    private static Frame Filled(int width, int height, float value)
    {
        var frame = new Frame(width, height);
        Array.Fill(frame.Pixels, value);
        return frame;
    }

    [Fact]
    public void Between_IdenticalFrames_ZeroDifferenceAndInfinitePsnr()
    {
        var a = Filled(3, 2, 0.25f);
        var d = FrameDifference.Between(a, a.Clone());
        Assert.Equal((0.0, 0.0, 0.0, 18L), (d.MaxAbs, d.MeanAbs, d.MeanSquared, d.Values));
        Assert.Equal(double.PositiveInfinity, d.Psnr);
    }

    [Fact]
    public void Between_KnownDifferences_MaxMeanAndPsnrOfRgbOnly()
    {
        // Two pixels: +0.25 in one red value, -0.125 in one blue value; alpha differs by 1 and must be ignored.
        var reference = Filled(2, 1, 0.5f);
        var candidate = reference.Clone();
        candidate[0, 0][0] = 0.75f;
        candidate[1, 0][2] = 0.375f;
        candidate[1, 0][3] = 1.5f;

        var d = FrameDifference.Between(reference, candidate);

        double meanSquared = ((0.25 * 0.25) + (0.125 * 0.125)) / 6;
        Assert.Equal(0.25, d.MaxAbs, Tolerance);
        Assert.Equal(0.375 / 6, d.MeanAbs, Tolerance);
        Assert.Equal(meanSquared, d.MeanSquared, Tolerance);
        Assert.Equal(10 * Math.Log10(1 / meanSquared), d.Psnr, 1e-9);
        Assert.Equal(6L, d.Values);
    }

    [Fact]
    public void Between_NaNPixel_EveryFigureNaN()
    {
        var reference = Filled(2, 2, 0.5f);
        var candidate = reference.Clone();
        candidate[1, 1][1] = float.NaN;

        var d = FrameDifference.Between(reference, candidate);

        Assert.True(double.IsNaN(d.MaxAbs) && double.IsNaN(d.MeanAbs) && double.IsNaN(d.Psnr), $"{d}");
    }

    [Fact]
    public void Between_DifferentSizes_Throws()
    {
        var e = Assert.Throws<TdmException>(() => FrameDifference.Between(new Frame(2, 2), new Frame(2, 3)));
        Assert.Contains("2x2 and 2x3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_FramesOfDifferentSizes_WeightsByValuesAndTakesTheLargestMax()
    {
        // A 1x1 frame off by 0.5 everywhere, and an identical 3x1 frame: 3 of 12 values differ.
        var small = FrameDifference.Between(Filled(1, 1, 0f), Filled(1, 1, 0.5f));
        var large = FrameDifference.Between(Filled(3, 1, 0.2f), Filled(3, 1, 0.2f));

        var all = FrameDifference.Combine([small, large]);

        Assert.Equal(0.5, all.MaxAbs, Tolerance);
        Assert.Equal(0.5 * 3 / 12, all.MeanAbs, Tolerance);
        Assert.Equal(0.25 * 3 / 12, all.MeanSquared, Tolerance);
        Assert.Equal(10 * Math.Log10(1 / (0.25 * 3 / 12)), all.Psnr, 1e-9);
        Assert.Equal(12L, all.Values);
    }

    [Fact]
    public void Combine_OneFrameNaN_MaxIsNaN()
    {
        var good = FrameDifference.Between(Filled(1, 1, 0f), Filled(1, 1, 0.5f));
        var bad = new FrameDifference(double.NaN, double.NaN, double.NaN, 3);

        Assert.True(double.IsNaN(FrameDifference.Combine([good, bad]).MaxAbs));
    }
}
