using Tdm.Engine.Imaging;
using Tdm.OfxPlugin.Host;
using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Tests.Host;

public unsafe class PixelConversionTests
{
    /// <summary>Half floats keep 11 significant bits: values in [0, 1] round-trip within this.</summary>
    private const float HalfTolerance = 1f / 2048f;

    /// <summary>A 3x2 image whose pixel (x, y) channel c holds a distinct value in [0, 1].</summary>
    private static float Value(int x, int y, int c) => ((((y * 3) + x) * 4) + c + 1) / 32f;

    private static byte[] Fill(PixelDepth depth, PixelComponents comps, OfxRectI b, int rowBytes, out int offsetOfOrigin)
    {
        var rows = b.Height;
        var buffer = new byte[Math.Abs(rowBytes) * rows];
        // With negative row bytes the bottom row is the last one in memory.
        offsetOfOrigin = rowBytes < 0 ? buffer.Length - Math.Abs(rowBytes) : 0;
        var channels = PixelFormat.Channels(comps);
        fixed (byte* p = buffer)
        {
            var view = new ImageView(p + offsetOfOrigin, b, rowBytes, depth, comps);
            for (var y = b.y1; y < b.y2; y++)
                for (var x = b.x1; x < b.x2; x++)
                    for (var c = 0; c < channels; c++)
                    {
                        var v = Value(x - b.x1, y - b.y1, c);
                        var at = view.PixelAddress(x, y) + (c * PixelFormat.ChannelBytes(depth));
                        switch (depth)
                        {
                            case PixelDepth.Byte: *at = (byte)MathF.Round(v * 255); break;
                            case PixelDepth.Short: *(ushort*)at = (ushort)MathF.Round(v * 65535); break;
                            case PixelDepth.Half: *(Half*)at = (Half)v; break;
                            default: *(float*)at = v; break;
                        }
                    }
        }
        return buffer;
    }

    /// <summary>Half a quantisation step of the integer depths, plus float rounding of the division.</summary>
    private static float Tolerance(PixelDepth d) => d switch
    {
        PixelDepth.Byte => (0.5f / 255f) + 1e-6f,
        PixelDepth.Short => (0.5f / 65535f) + 1e-6f,
        PixelDepth.Half => HalfTolerance,
        _ => 0f,
    };

    /// <summary>Every depth x components x row order, as names (the enums are internal).</summary>
    public static TheoryData<string, string, bool> Formats()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var d in Enum.GetNames<PixelDepth>())
            foreach (var c in Enum.GetNames<PixelComponents>())
                foreach (var negative in new[] { false, true })
                    data.Add(d, c, negative);
        return data;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_AnyFormatAndRowOrder_GivesTopRowFirstRgba(string depthName, string compsName, bool negativeRowBytes)
    {
        var depth = Enum.Parse<PixelDepth>(depthName);
        var comps = Enum.Parse<PixelComponents>(compsName);
        var bounds = new OfxRectI(10, 20, 13, 22);
        var pixelBytes = PixelFormat.ChannelBytes(depth) * PixelFormat.Channels(comps);
        var rowBytes = ((3 * pixelBytes) + 8) * (negativeRowBytes ? -1 : 1); // padded rows
        var buffer = Fill(depth, comps, bounds, rowBytes, out var origin);
        Frame frame;
        fixed (byte* p = buffer)
            frame = PixelConversion.Read(new ImageView(p + origin, bounds, rowBytes, depth, comps), bounds);

        var tolerance = Tolerance(depth);
        Assert.Equal(3, frame.Width);
        Assert.Equal(2, frame.Height);
        for (var fy = 0; fy < 2; fy++)
            for (var x = 0; x < 3; x++)
            {
                var y = 1 - fy; // frame row 0 is the image's top row
                for (var c = 0; c < 3; c++)
                    Assert.True(Math.Abs(frame[x, fy][c] - Value(x, y, c)) <= tolerance,
                        $"pixel ({x},{fy}) channel {c}: {frame[x, fy][c]} vs {Value(x, y, c)}, tolerance {tolerance}");
                Assert.Equal(comps == PixelComponents.Rgb ? 1f : Value(x, y, 3), frame[x, fy][3], tolerance);
            }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Write_ThenRead_RoundTripsWithinDepthPrecision(string depthName, string compsName, bool negativeRowBytes)
    {
        var depth = Enum.Parse<PixelDepth>(depthName);
        var comps = Enum.Parse<PixelComponents>(compsName);
        var bounds = new OfxRectI(0, 0, 3, 2);
        var pixelBytes = PixelFormat.ChannelBytes(depth) * PixelFormat.Channels(comps);
        var rowBytes = 3 * pixelBytes * (negativeRowBytes ? -1 : 1);
        var buffer = new byte[3 * pixelBytes * 2];
        var origin = negativeRowBytes ? 3 * pixelBytes : 0;
        var frame = new Frame(3, 2);
        for (var i = 0; i < frame.Pixels.Length; i++)
            frame.Pixels[i] = (i + 1) / 32f;
        Frame back;
        fixed (byte* p = buffer)
        {
            var view = new ImageView(p + origin, bounds, rowBytes, depth, comps);
            PixelConversion.Write(frame, bounds, view, bounds);
            back = PixelConversion.Read(view, bounds);
        }
        var tolerance = Tolerance(depth);
        for (var i = 0; i < frame.Pixels.Length; i++)
        {
            var expected = comps == PixelComponents.Rgb && i % 4 == 3 ? 1f : frame.Pixels[i];
            Assert.True(Math.Abs(back.Pixels[i] - expected) <= tolerance, $"float {i}: {back.Pixels[i]} vs {expected}, tolerance {tolerance}");
        }
    }

    [Fact]
    public void Write_WindowSmallerThanImage_TouchesOnlyTheWindow()
    {
        var bounds = new OfxRectI(0, 0, 4, 4);
        var buffer = Enumerable.Repeat((byte)7, 4 * 4 * 4).ToArray();
        var frame = new Frame(4, 4);
        Array.Fill(frame.Pixels, 1f);
        fixed (byte* p = buffer)
            PixelConversion.Write(frame, bounds, new ImageView(p, bounds, 16, PixelDepth.Byte, PixelComponents.Rgba), new OfxRectI(1, 1, 3, 2));
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 4; x++)
            {
                var inside = x is >= 1 and < 3 && y == 1;
                Assert.Equal(inside ? 255 : 7, buffer[(y * 16) + (x * 4)]);
            }
    }

    [Fact]
    public void Write_OutsideFrameRect_WritesTransparentBlack()
    {
        var bounds = new OfxRectI(0, 0, 4, 2);
        var buffer = Enumerable.Repeat(0.5f, 4 * 2 * 4).ToArray();
        var frame = new Frame(2, 2);
        Array.Fill(frame.Pixels, 1f);
        fixed (float* p = buffer)
            PixelConversion.Write(frame, new OfxRectI(0, 0, 2, 2), new ImageView((byte*)p, bounds, 64, PixelDepth.Float, PixelComponents.Rgba), bounds);
        for (var y = 0; y < 2; y++)
            for (var x = 0; x < 4; x++)
                Assert.Equal(x < 2 ? 1f : 0f, buffer[(((y * 4) + x) * 4) + 1]);
    }

    [Fact]
    public void Write_OutOfRangeValues_ClampForIntegerDepths()
    {
        var bounds = new OfxRectI(0, 0, 1, 1);
        var frame = new Frame(1, 1, [-0.5f, 1.5f, 0.5f, 1f]);
        var bytes = new byte[4];
        var shorts = new ushort[4];
        fixed (byte* b = bytes)
            PixelConversion.Write(frame, bounds, new ImageView(b, bounds, 4, PixelDepth.Byte, PixelComponents.Rgba), bounds);
        fixed (ushort* s = shorts)
            PixelConversion.Write(frame, bounds, new ImageView((byte*)s, bounds, 8, PixelDepth.Short, PixelComponents.Rgba), bounds);
        Assert.Equal([0, 255, 128, 255], bytes);
        Assert.Equal([0, 65535, 32768, 65535], shorts);
    }
}
