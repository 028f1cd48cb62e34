using Tdm.Dataset.Media;
using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Tests.Media;

public class RawPixelsTests
{
    private static Frame Sample()
    {
        var frame = new Frame(3, 2);
        for (var i = 0; i < frame.Pixels.Length; i++)
            frame.Pixels[i] = (i * 0.0731f) % 1f;
        return frame;
    }

    [Theory]
    [InlineData(8, 255)]
    [InlineData(16, 65535)]
    public void IntegerFormats_RoundTrip_WithinHalfAStep(int bits, int levels)
    {
        var format = bits == 8 ? RawPixelFormat.Rgba8 : RawPixelFormat.Rgba16;
        var frame = Sample();
        var back = RawPixels.ToFrame(RawPixels.FromFrame(frame, format), format, frame.Width, frame.Height);
        var tolerance = 0.5f / levels + 1e-7f;
        for (var i = 0; i < frame.Pixels.Length; i++)
            Assert.True(Math.Abs(frame.Pixels[i] - back.Pixels[i]) <= tolerance, $"sample {i}: {frame.Pixels[i]} came back {back.Pixels[i]}, beyond {tolerance}");
    }

    [Fact]
    public void Float_RoundTrip_Exact()
    {
        var frame = Sample();
        frame.Pixels[0] = 1.75f;
        frame.Pixels[1] = -0.25f;
        var back = RawPixels.ToFrame(RawPixels.FromFrame(frame, RawPixelFormat.GbrapF32), RawPixelFormat.GbrapF32, frame.Width, frame.Height);
        Assert.Equal(frame.Pixels, back.Pixels);
    }

    [Fact]
    public void Float_PlanesAreGreenBlueRedAlpha()
    {
        var frame = new Frame(1, 1, [0.1f, 0.2f, 0.3f, 0.4f]);
        var raw = RawPixels.FromFrame(frame, RawPixelFormat.GbrapF32);
        Assert.Equal([0.2f, 0.3f, 0.1f, 0.4f], System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw).ToArray());
    }

    [Fact]
    public void Rgba8_OutOfRange_Clamps()
    {
        var frame = new Frame(1, 1, [-0.5f, 1.5f, 0.5f, 1f]);
        Assert.Equal([0, 255, 128, 255], RawPixels.FromFrame(frame, RawPixelFormat.Rgba8));
    }
}
