using Tdm.Engine.Imaging;
using Tdm.Evaluation.Flow;
using Tdm.Evaluation.Warping;

namespace Tdm.Evaluation.Tests.Warping;

public class WarpingErrorTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Pair_TrueFlowOfMovingContent_IsZero()
    {
        // Whole-pixel motion: bilinear sampling at integer positions is exact.
        var (a, b) = (Clips.Moving(0, 64, 24, 2, 0), Clips.Moving(1, 64, 24, 2, 0));
        double err = WarpingError.Pair(a, b, FlowField.Uniform(64, 24, 2f, 0f), null);
        Assert.True(err < Tolerance, $"warping error {err}, expected 0");
        double still = WarpingError.Pair(a, b, FlowField.Uniform(64, 24, 0f, 0f), null);
        Assert.True(still > 1e-4, $"a zero flow on moving content should cost, got {still}");
    }

    [Fact]
    public void Pair_HalfPixelFlowOnLinearRamp_IsZero()
    {
        // Bilinear sampling is exact on a linear ramp: a ramp moving 0.5 px per frame warps back exactly.
        Frame Ramp(int t)
        {
            var f = new Frame(16, 8);
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 16; x++)
                {
                    float v = 0.02f * (x - (0.5f * t));
                    (f[x, y][0], f[x, y][1], f[x, y][2], f[x, y][3]) = (v, v, v, 1f);
                }
            return f;
        }
        double err = WarpingError.Pair(Ramp(0), Ramp(1), FlowField.Uniform(16, 8, 0.5f, 0f), null);
        Assert.True(err < 1e-12, $"warping error {err}, expected 0");
    }

    [Fact]
    public void Pair_MaskedOutPixels_DoNotCount()
    {
        var (a, b) = (Clips.Moving(0, 64, 24, 2, 0), Clips.Moving(1, 64, 24, 2, 0));
        var mask = new float[64 * 24]; // everything occluded except column 5
        for (int y = 0; y < 24; y++)
            mask[(y * 64) + 5] = 1f;
        var zero = FlowField.Uniform(64, 24, 0f, 0f);
        double column = WarpingError.Pair(a, b, zero, mask);
        double expected = Enumerable.Range(0, 24).Average(y => Enumerable.Range(0, 3).Average(c => Math.Pow(a[5, y][c] - b[5, y][c], 2)));
        Assert.True(Math.Abs(column - expected) < 1e-9, $"masked error {column}, expected column 5's own {expected}");
        Assert.Equal(0, WarpingError.Pair(a, b, zero, new float[64 * 24]));
    }
}
