using Tdm.Engine.Metrics;
using Tdm.Engine.Tests.Imaging;

namespace Tdm.Engine.Tests.Metrics;

public class PsnrTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void Compute_IdenticalFrames_IsInfinity()
    {
        var f = TestFrames.Textured(20, 10);
        Assert.Equal(double.PositiveInfinity, Psnr.Compute(f, f.Clone()));
    }

    [Fact]
    public void Compute_KnownMse_KnownPsnr()
    {
        // Every RGB value off by +-0.1: MSE = 0.01, PSNR = 10 log10(1 / 0.01) = 20 dB. Alpha differences are ignored.
        const double Expected = 20.0;
        var a = TestFrames.Textured(31, 17);
        var b = TestFrames.Map(a, (v, c) => v + (c == 1 ? -0.1f : 0.1f));
        for (int i = 3; i < b.Pixels.Length; i += 4)
            b.Pixels[i] = 0f;
        double psnr = Psnr.Compute(a, b);
        Assert.True(Math.Abs(psnr - Expected) < 1e-4, $"PSNR {psnr} dB, expected {Expected} dB");
        Assert.True(Math.Abs(Psnr.MeanSquaredError(a, b) - 0.01) < Tolerance * 10, $"MSE {Psnr.MeanSquaredError(a, b)}");
    }

    [Theory]
    [InlineData(0.01, 1.0, 20.0)]
    [InlineData(0.0001, 1.0, 40.0)]
    [InlineData(65.025, 255.0, 30.0)] // 255^2 / 10^3
    public void FromMse_KnownValues(double mse, double peak, double expected)
    {
        Assert.True(Math.Abs(Psnr.FromMse(mse, peak) - expected) < Tolerance, $"PSNR {Psnr.FromMse(mse, peak)}, expected {expected}");
    }

    [Fact]
    public void Compute_DifferentSizes_ThrowsBadArgument()
    {
        var e = Assert.Throws<TdmException>(() => Psnr.Compute(TestFrames.Textured(8, 8), TestFrames.Textured(8, 9)));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
    }
}
