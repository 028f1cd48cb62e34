using Tdm.Cli.Bench;

namespace Tdm.Cli.Tests.Bench;

public class Float16ToleranceTests
{
    private static FrameDifference WithPsnr(double maxAbs, double meanAbs, double psnr) =>
        new(maxAbs, meanAbs, Math.Pow(10, -psnr / 10), 100);

    [Fact]
    public void Judge_AtEveryLimit_Passes()
    {
        var (passed, text) = Float16Tolerance.Judge(WithPsnr(Float16Tolerance.MaxAbs, Float16Tolerance.MeanAbs, Float16Tolerance.MinPsnr + 1e-9));
        Assert.True(passed, text);
        Assert.StartsWith("PASS: max |diff| 0.300000 (at most 0.3), mean |diff| 0.006000 (at most 0.006), PSNR 40.00 dB (at least 40 dB)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.31, 0.002, 47.0)]
    [InlineData(0.1, 0.0061, 47.0)]
    [InlineData(0.1, 0.002, 39.9)]
    [InlineData(double.NaN, double.NaN, double.NaN)]
    public void Judge_OneFigureOutside_Fails(double maxAbs, double meanAbs, double psnr)
    {
        var difference = double.IsNaN(psnr) ? new FrameDifference(double.NaN, double.NaN, double.NaN, 3) : WithPsnr(maxAbs, meanAbs, psnr);
        var (passed, text) = Float16Tolerance.Judge(difference);
        Assert.False(passed, text);
        Assert.StartsWith("FAIL: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_TheMeasuredCpuFloat16Run_PassesWithRoom()
    {
        // The figures that the tolerance was argued from (Float16Tolerance's remarks).
        Assert.True(Float16Tolerance.Judge(WithPsnr(0.107, 0.0020, 47.0)).Passed);
    }
}
