using Tdm.Engine.Imaging;

namespace Tdm.Engine.Tests.Imaging;

public class FrameTensorsTests
{
    [Fact]
    public void ToVaeInput_TwoFrames_PlanarLayoutScaledToSignedRange()
    {
        var a = TestFrames.Textured(7, 5, seed: 1);
        var b = TestFrames.Textured(7, 5, seed: 2);
        float[] t = FrameTensors.ToVaeInput([a, b]);
        Assert.Equal(2 * 3 * 5 * 7, t.Length);
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < 5; y++)
                    for (int x = 0; x < 7; x++)
                        Assert.Equal((2f * (n == 0 ? a : b)[x, y][c]) - 1f, t[(((n * 3) + c) * 5 * 7) + (y * 7) + x]);
    }

    [Fact]
    public void ToConditioning_Frame_PlanarLayoutUnchangedRange()
    {
        var a = TestFrames.Textured(6, 4);
        float[] t = FrameTensors.ToConditioning([a]);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 4; y++)
                for (int x = 0; x < 6; x++)
                    Assert.Equal(a[x, y][c], t[(c * 24) + (y * 6) + x]);
    }

    [Fact]
    public void FromVaeOutput_OfVaeInput_RoundTripsRgbAndIsOpaque()
    {
        const float Tolerance = 1e-6f;
        var a = TestFrames.Textured(9, 6, seed: 1);
        var b = TestFrames.Textured(9, 6, seed: 2);
        float[] t = FrameTensors.ToVaeInput([a, b]);
        var back = FrameTensors.FromVaeOutput(t, 1, 9, 6);
        float err = TestFrames.MaxAbsDiff(back, b);
        Assert.True(err <= Tolerance, $"round trip error {err}, tolerance {Tolerance}");
        var opaque = FrameTensors.FromVaeOutput(t, 0, 9, 6);
        for (int i = 3; i < opaque.Pixels.Length; i += 4)
            Assert.Equal(1f, opaque.Pixels[i]);
    }

    [Fact]
    public void FromVaeOutput_OutOfRangeValues_Clamped()
    {
        float[] t = [-3f, -1f, 0f, 1f, 3f, 0.5f, /* g */ 0, 0, 0, 0, 0, 0, /* b */ 0, 0, 0, 0, 0, 0];
        var f = FrameTensors.FromVaeOutput(t, 0, 3, 2);
        Assert.Equal([0f, 0f, 0.5f, 1f, 1f, 0.75f], [f[0, 0][0], f[1, 0][0], f[2, 0][0], f[0, 1][0], f[1, 1][0], f[2, 1][0]]);
    }

    [Fact]
    public void ToVaeInput_FramesOfDifferentSizes_ThrowsInput()
    {
        var e = Assert.Throws<TdmException>(() => FrameTensors.ToVaeInput([TestFrames.Textured(4, 4), TestFrames.Textured(5, 4)]));
        Assert.Equal(TdmErrorKind.Input, e.Kind);
    }
}
