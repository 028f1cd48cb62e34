using Tdm.Dataset.Degradations;
using Tdm.Dataset.Tests.Support;

namespace Tdm.Dataset.Tests.Degradations;

public class RainDegradationTests
{
    private const double AngleToleranceDegrees = 3;

    [Theory]
    [InlineData(-25)]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(28)]
    public void Apply_OnBlack_StreakOrientationMatchesDrawnAngle(double angle)
    {
        var ranges = new RainRanges { Angle = new(angle, angle), Density = new(0.004, 0.004), Length = new(30, 30), Width = new(1.5, 1.5), Intensity = new(1, 1) };
        var record = new DegradationRecord();
        var layer = new RainDegradation(ranges).Apply(TestImages.Flat(128, 0), new PairRandom(11, 0), record);
        // Smoothed first: small difference stencils are isotropic only at low frequencies, and the streaks are thin.
        var rainy = SuperResolutionDegradation.GaussianBlur(layer, 1.5);

        // Structure tensor of the streak layer (screen blend over black leaves k R): the dominant gradient lies across
        // the streaks, at phi = atan2(2 Jxy, Jxx - Jyy) / 2 from the x axis; a streak along (sin a, cos a) has its
        // gradient at -a.
        double jxx = 0, jyy = 0, jxy = 0;
        for (var y = 1; y < 127; y++)
        {
            for (var x = 1; x < 127; x++)
            {
                double gx = (rainy[x + 1, y][0] - rainy[x - 1, y][0]) / 2.0;
                double gy = (rainy[x, y + 1][0] - rainy[x, y - 1][0]) / 2.0;
                jxx += gx * gx;
                jyy += gy * gy;
                jxy += gx * gy;
            }
        }
        var phi = 0.5 * Math.Atan2(2 * jxy, jxx - jyy) * 180 / Math.PI;
        var measured = -phi;
        Assert.Equal(angle, (double)record.Get("rain_angle")!);
        Assert.True(Math.Abs(measured - angle) <= AngleToleranceDegrees, $"streaks drawn at {angle} degrees measure {measured:F2}");
    }
}
