using Tdm.Engine.Imaging;
using Xunit.Abstractions;

namespace Tdm.Engine.Tests.Imaging;

public class ResamplerTests(ITestOutputHelper output)
{
    [Fact]
    public void Resize_SameSize_ReturnsEqualPixelsInANewFrame()
    {
        var f = TestFrames.Textured(33, 17);
        var r = Resampler.Resize(f, 33, 17);
        Assert.NotSame(f.Pixels, r.Pixels);
        Assert.Equal(f.Pixels, r.Pixels);
    }

    [Theory]
    [InlineData("Lanczos3", 100, 61)]
    [InlineData("Lanczos3", 11, 7)]
    [InlineData("Lanczos3", 37, 5)]
    [InlineData("CatmullRom", 100, 61)]
    [InlineData("CatmullRom", 11, 7)]
    public void Resize_ConstantImage_StaysConstant(string filterName, int width, int height)
    {
        var filter = Enum.Parse<ResampleFilter>(filterName);
        const float Tolerance = 1e-5f;
        var f = TestFrames.Constant(37, 23, 0.3f, 0.6f, 0.9f);
        var r = Resampler.Resize(f, width, height, filter);
        float err = TestFrames.MaxAbsDiff(r, TestFrames.Constant(width, height, 0.3f, 0.6f, 0.9f));
        Assert.True(err <= Tolerance, $"max deviation {err}, tolerance {Tolerance}");
    }

    [Theory]
    [InlineData("Lanczos3")]
    [InlineData("CatmullRom")]
    public void Resize_CheckerboardHalved_AveragesToGrey(string filterName)
    {
        var filter = Enum.Parse<ResampleFilter>(filterName);
        // A one-pixel checkerboard is pure Nyquist: an antialiased 2x shrink must give flat grey, not a pattern.
        // Away from the border the kernel is symmetric and the result exact; at the border clamp-to-edge taps
        // break the symmetry a little.
        const float Tolerance = 1e-4f;
        const float BorderTolerance = 0.03f;
        const int Border = 3;
        var f = new Frame(64, 48);
        for (int y = 0; y < 48; y++)
            for (int x = 0; x < 64; x++)
            {
                float v = (x + y) % 2;
                var p = f[x, y];
                (p[0], p[1], p[2], p[3]) = (v, v, v, 1f);
            }
        var r = Resampler.Resize(f, 32, 24, filter);
        float inner = 0, all = 0;
        for (int y = 0; y < 24; y++)
            for (int x = 0; x < 32; x++)
                for (int c = 0; c < 3; c++)
                {
                    float d = Math.Abs(r[x, y][c] - 0.5f);
                    all = Math.Max(all, d);
                    if (x >= Border && y >= Border && x < 32 - Border && y < 24 - Border)
                        inner = Math.Max(inner, d);
                }
        output.WriteLine($"{filter}: max deviation from 0.5 = {inner} inside, {all} with the border");
        Assert.True(inner <= Tolerance, $"max deviation from 0.5 inside is {inner}, tolerance {Tolerance}");
        Assert.True(all <= BorderTolerance, $"max deviation from 0.5 at the border is {all}, tolerance {BorderTolerance}");
    }

    [Theory]
    [InlineData("Lanczos3", 30, 1e-5f)]    // shrink x3
    [InlineData("Lanczos3", 45, 1e-5f)]    // shrink x2
    [InlineData("Lanczos3", 250, 2e-4f)]   // enlarge: Lanczos reproduces a ramp only nearly off-grid
    [InlineData("CatmullRom", 30, 1e-5f)]
    [InlineData("CatmullRom", 250, 1e-5f)] // cubic convolution reproduces ramps exactly
    public void Resize_LinearRamp_SampledAtAlignedPixelCentres(string filterName, int width, float tolerance)
    {
        var filter = Enum.Parse<ResampleFilter>(filterName);
        // A shrink by an integer factor centres a symmetric kernel on symmetric taps, which reproduces a ramp
        // exactly, so away from the borders output pixel i must equal the ramp at input position
        // (i + 0.5) * scale - 0.5: this pins the pixel-centre alignment.
        const int SourceWidth = 90, Border = 12;
        var f = new Frame(SourceWidth, 4);
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < SourceWidth; x++)
                (f[x, y][0], f[x, y][1], f[x, y][2], f[x, y][3]) = (x / 100f, 0.5f, 1f - (x / 100f), 1f);
        var r = Resampler.Resize(f, width, 4, filter);
        double scale = (double)SourceWidth / width;
        int border = (int)Math.Ceiling(Border / scale);
        for (int x = border; x < width - border; x++)
        {
            float expected = (float)((((x + 0.5) * scale) - 0.5) / 100);
            Assert.True(Math.Abs(r[x, 2][0] - expected) <= tolerance, $"x={x}: {r[x, 2][0]} vs ramp {expected}, tolerance {tolerance}");
        }
    }

    [Fact]
    public void Resize_UpThenDownByTwo_CloseToOriginal()
    {
        const float Tolerance = 2e-3f;
        var f = TestFrames.Textured(96, 64, noise: 0f);
        var back = Resampler.Resize(Resampler.Resize(f, 192, 128), 96, 64);
        float err = TestFrames.MaxAbsDiff(back, f);
        output.WriteLine($"up x2 then down x2: max abs error {err}");
        Assert.True(err <= Tolerance, $"max abs error {err}, tolerance {Tolerance}");
    }

    [Fact]
    public void Resize_TransparentRedBesideOpaqueBlue_NoRedBleeds()
    {
        const float Tolerance = 1e-5f;
        var f = new Frame(40, 20);
        for (int y = 0; y < 20; y++)
            for (int x = 0; x < 40; x++)
            {
                var p = f[x, y];
                if (x < 20)
                    (p[0], p[1], p[2], p[3]) = (1f, 0f, 0f, 0f); // invisible red
                else
                    (p[0], p[1], p[2], p[3]) = (0f, 0f, 1f, 1f);
            }
        foreach (var (w, h) in new[] { (17, 9), (83, 41) })
        {
            var r = Resampler.Resize(f, w, h);
            for (int i = 0; i < r.Pixels.Length; i += 4)
            {
                if (r.Pixels[i + 3] > 0.01f)
                {
                    Assert.True(Math.Abs(r.Pixels[i]) <= Tolerance, $"red {r.Pixels[i]} leaked into a visible pixel at {w}x{h}");
                    Assert.True(Math.Abs(r.Pixels[i + 2] - 1f) <= Tolerance, $"blue {r.Pixels[i + 2]} at {w}x{h}");
                }
                Assert.InRange(r.Pixels[i + 3], 0f, 1f);
            }
        }
    }

    [Fact]
    public void Resize_OpaqueFrame_AlphaStaysExactlyOne()
    {
        var r = Resampler.Resize(TestFrames.Textured(50, 30), 123, 71);
        for (int i = 3; i < r.Pixels.Length; i += 4)
            Assert.Equal(1f, r.Pixels[i]);
    }

    [Fact]
    public void Resize_HeightOnlyOfVerticallyConstantImage_KeepsEveryRow()
    {
        const float Tolerance = 1e-6f;
        var f = new Frame(20, 30);
        for (int y = 0; y < 30; y++)
            for (int x = 0; x < 20; x++)
            {
                var p = f[x, y];
                (p[0], p[1], p[2], p[3]) = (x / 20f, 1f - (x / 20f), (x % 3) / 3f, 1f);
            }
        var r = Resampler.Resize(f, 20, 13);
        for (int y = 0; y < 13; y++)
            for (int x = 0; x < 20; x++)
                for (int c = 0; c < 4; c++)
                    Assert.True(Math.Abs(r[x, y][c] - f[x, 0][c]) <= Tolerance, $"({x},{y}) channel {c}: {r[x, y][c]} vs {f[x, 0][c]}");
    }

    [Fact]
    public void Resize_NonPositiveSize_ThrowsBadArgument()
    {
        var e = Assert.Throws<TdmException>(() => Resampler.Resize(TestFrames.Textured(8, 8), 0, 8));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
    }
}
