using Tdm.Evaluation.Flow;
using Tdm.Evaluation.Warping;
using Xunit.Abstractions;

namespace Tdm.Evaluation.Tests.Flow;

public class OpticalFlowTests(ITestOutputHelper output)
{
    /// <summary>Mean end-point error (px) allowed on the interior of a translated texture.</summary>
    private const double FlowTolerance = 0.1;

    /// <summary>Mean absolute RGB error allowed between frame t and frame t+1 warped back along the estimated flow.</summary>
    private const double WarpTolerance = 0.005;

    private const int Width = 160, Height = 96, Margin = 16;

    [Theory]
    [InlineData(3f, -2f)]
    [InlineData(0.5f, 1.5f)]
    public void Estimate_TranslatedTexture_RecoversTheShift(float dx, float dy)
    {
        var a = Clips.Moving(0, Width, Height, dx, dy);
        var b = Clips.Moving(1, Width, Height, dx, dy);
        var flow = OpticalFlow.Estimate(a, b);
        double error = 0;
        int n = 0;
        for (int y = Margin; y < Height - Margin; y++)
            for (int x = Margin; x < Width - Margin; x++, n++)
                error += Math.Sqrt(Math.Pow(flow.Dx(x, y) - dx, 2) + Math.Pow(flow.Dy(x, y) - dy, 2));
        error /= n;
        output.WriteLine($"shift ({dx}, {dy}): mean end-point error {error:0.0000} px on the interior");
        Assert.True(error < FlowTolerance, $"mean end-point error {error:0.000} px >= {FlowTolerance}");
    }

    [Fact]
    public void Estimate_KnownShift_WarpsTheNextFrameOntoTheFirst()
    {
        var a = Clips.Moving(0, Width, Height, 3f, -2f);
        var b = Clips.Moving(1, Width, Height, 3f, -2f);
        var warped = Warp.Frame(b, OpticalFlow.Estimate(a, b));
        double error = 0;
        int n = 0;
        for (int y = Margin; y < Height - Margin; y++)
            for (int x = Margin; x < Width - Margin; x++)
                for (int c = 0; c < 3; c++, n++)
                    error += Math.Abs(warped[x, y][c] - a[x, y][c]);
        error /= n;
        output.WriteLine($"mean absolute warp error {error:0.00000}");
        Assert.True(error < WarpTolerance, $"mean absolute warp error {error:0.0000} >= {WarpTolerance}");
    }

    [Fact]
    public void Estimate_SameFramesTwice_GivesIdenticalFlows()
    {
        var a = Clips.Moving(0, Width, Height, 2f, 1f);
        var b = Clips.Moving(1, Width, Height, 2f, 1f);
        Assert.Equal(OpticalFlow.Estimate(a, b).Data, OpticalFlow.Estimate(a, b).Data);
    }
}
