using Tdm.Engine.Imaging;

namespace Tdm.Engine.Tests.Imaging;

public class FrameTensorsTests
{
    [Fact]
    public void WriteConditioning_SameSize_PlanarLayoutUnchangedRange()
    {
        var a = TestFrames.Textured(6, 4);
        var t = new float[3 * 6 * 4];
        FrameTensors.WriteConditioning(a, t, 6, 4);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 4; y++)
                for (int x = 0; x < 6; x++)
                    Assert.Equal(a[x, y][c], t[(c * 24) + (y * 6) + x]);
    }

    [Fact]
    public void WriteConditioning_LargerCanvas_ReflectsWithoutRepeatingTheEdge()
    {
        // A 5x3 frame on an 8x6 canvas: columns 5, 6, 7 are columns 3, 2, 1; rows 3, 4, 5 are rows 1, 0, 1 (PyTorch's "reflect").
        var a = TestFrames.Textured(5, 3, seed: 4);
        int[] columns = [0, 1, 2, 3, 4, 3, 2, 1], rows = [0, 1, 2, 1, 0, 1];
        var t = new float[3 * 8 * 6];
        FrameTensors.WriteConditioning(a, t, 8, 6);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 6; y++)
                for (int x = 0; x < 8; x++)
                    Assert.Equal(a[columns[x], rows[y]][c], t[(c * 48) + (y * 8) + x]);
    }

    [Fact]
    public void WriteConditioning_OneColumnFrame_RepeatsIt()
    {
        var a = TestFrames.Textured(1, 2, seed: 5);
        var t = new float[3 * 3 * 2];
        FrameTensors.WriteConditioning(a, t, 3, 2);
        for (int y = 0; y < 2; y++)
            for (int x = 0; x < 3; x++)
                Assert.Equal(a[0, y][1], t[6 + (y * 3) + x]);
    }

    [Fact]
    public void WriteConditioning_CanvasSmallerThanFrameOrShortDestination_ThrowsInternal()
    {
        var a = TestFrames.Textured(6, 4);
        Assert.Equal(TdmErrorKind.Internal, Assert.Throws<TdmException>(() => FrameTensors.WriteConditioning(a, new float[3 * 5 * 4], 5, 4)).Kind);
        Assert.Equal(TdmErrorKind.Internal, Assert.Throws<TdmException>(() => FrameTensors.WriteConditioning(a, new float[(3 * 8 * 4) - 1], 8, 4)).Kind);
    }

    [Fact]
    public void FromVaeOutput_OfPaddedVaeInput_CropsBackToTheFrameAndIsOpaque()
    {
        const float Tolerance = 1e-6f;
        var a = TestFrames.Textured(9, 6, seed: 1);
        var b = TestFrames.Textured(9, 6, seed: 2);
        // Two padded images in the VAE's [-1, 1], as the decoder hands them back.
        int image = 3 * 16 * 8;
        var t = new float[2 * image];
        FrameTensors.WriteConditioning(a, t.AsSpan(0, image), 16, 8);
        FrameTensors.WriteConditioning(b, t.AsSpan(image, image), 16, 8);
        for (int i = 0; i < t.Length; i++)
            t[i] = (2f * t[i]) - 1f;
        var back = FrameTensors.FromVaeOutput(t, 1, 16, 8, 9, 6);
        Assert.Equal((9, 6), (back.Width, back.Height));
        float err = TestFrames.MaxAbsDiff(back, b);
        Assert.True(err <= Tolerance, $"round trip error {err}, tolerance {Tolerance}");
        var whole = FrameTensors.FromVaeOutput(t, 0, 16, 8);
        Assert.Equal((16, 8), (whole.Width, whole.Height));
        for (int i = 3; i < whole.Pixels.Length; i += 4)
            Assert.Equal(1f, whole.Pixels[i]);
    }

    [Fact]
    public void FromVaeOutput_OutOfRangeValues_Clamped()
    {
        float[] t = [-3f, -1f, 0f, 1f, 3f, 0.5f, /* g */ 0, 0, 0, 0, 0, 0, /* b */ 0, 0, 0, 0, 0, 0];
        var f = FrameTensors.FromVaeOutput(t, 0, 3, 2);
        Assert.Equal([0f, 0f, 0.5f, 1f, 1f, 0.75f], [f[0, 0][0], f[1, 0][0], f[2, 0][0], f[0, 1][0], f[1, 1][0], f[2, 1][0]]);
    }

    [Fact]
    public void FromVaeOutput_NoSuchImageOrCropLargerThanIt_ThrowsInternal()
    {
        var t = new float[3 * 4 * 4];
        Assert.Equal(TdmErrorKind.Internal, Assert.Throws<TdmException>(() => FrameTensors.FromVaeOutput(t, 1, 4, 4)).Kind);
        Assert.Equal(TdmErrorKind.Internal, Assert.Throws<TdmException>(() => FrameTensors.FromVaeOutput(t, 0, 4, 4, 5, 4)).Kind);
    }
}
