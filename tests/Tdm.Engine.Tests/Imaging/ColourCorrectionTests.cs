using Tdm.Engine.Imaging;
using Xunit.Abstractions;

namespace Tdm.Engine.Tests.Imaging;

public class ColourCorrectionTests(ITestOutputHelper output)
{
    [Fact]
    public void AdaIn_ColourCastCopy_CorrectedBack()
    {
        // A per-channel affine cast is exactly what AdaIN undoes.
        const double MinimumShrink = 100;
        var input = TestFrames.Textured(64, 48);
        var cast = TestFrames.Map(input, (v, c) => (v * (0.8f + (0.1f * c))) + (0.1f - (0.07f * c)));
        var fixedFrame = ColourCorrection.AdaIn(cast, input);
        double before = TestFrames.MeanAbsDiffRgb(cast, input), after = TestFrames.MeanAbsDiffRgb(fixedFrame, input);
        output.WriteLine($"AdaIN: mean abs error {before:E3} -> {after:E3} ({before / after:F0}x)");
        Assert.True(after * MinimumShrink <= before, $"error {before} -> {after}: shrank less than {MinimumShrink}x");
    }

    [Fact]
    public void Wavelet_ColourOffsetCopy_CorrectedBack()
    {
        // A constant offset lives entirely in the low band, which the wavelet fix takes from the input.
        const double MinimumShrink = 1000;
        var input = TestFrames.Textured(64, 48);
        var cast = TestFrames.Map(input, (v, c) => v + (0.06f - (0.05f * c)));
        var fixedFrame = ColourCorrection.Wavelet(cast, input);
        double before = TestFrames.MeanAbsDiffRgb(cast, input), after = TestFrames.MeanAbsDiffRgb(fixedFrame, input);
        output.WriteLine($"wavelet: mean abs error {before:E3} -> {after:E3} ({before / Math.Max(after, 1e-30):F0}x)");
        Assert.True(after * MinimumShrink <= before, $"error {before} -> {after}: shrank less than {MinimumShrink}x");
    }

    [Fact]
    public void Wavelet_SlowlyVaryingCast_MostlyCorrected()
    {
        // A smooth gradient cast (like VAE drift): low frequency, so removed up to what leaks into the fine bands.
        const double MinimumShrink = 10;
        var input = TestFrames.Textured(128, 96);
        var cast = input.Clone();
        for (int y = 0; y < 96; y++)
            for (int x = 0; x < 128; x++)
                cast[x, y][0] += 0.08f * x / 128f;
        var fixedFrame = ColourCorrection.Wavelet(cast, input);
        double before = TestFrames.MeanAbsDiffRgb(cast, input), after = TestFrames.MeanAbsDiffRgb(fixedFrame, input);
        output.WriteLine($"wavelet, gradient cast: mean abs error {before:E3} -> {after:E3} ({before / after:F0}x)");
        Assert.True(after * MinimumShrink <= before, $"error {before} -> {after}: shrank less than {MinimumShrink}x");
    }

    [Fact]
    public void Wavelet_RestoredDetailMissingFromInput_DetailPreserved()
    {
        // Restored = input + fine checkerboard detail; the fix must keep the detail (it is high frequency).
        const double MaximumLoss = 0.05;
        const float Amplitude = 0.05f;
        var input = TestFrames.Textured(96, 64, noise: 0f);
        var restored = input.Clone();
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 96; x++)
                for (int c = 0; c < 3; c++)
                    restored[x, y][c] += (x + y) % 2 == 0 ? Amplitude : -Amplitude;
        var fixedFrame = ColourCorrection.Wavelet(restored, input);
        double loss = TestFrames.MeanAbsDiffRgb(fixedFrame, restored) / Amplitude;
        output.WriteLine($"wavelet: detail changed by {loss:P2} of its amplitude");
        Assert.True(loss <= MaximumLoss, $"detail changed by {loss:P2} of its amplitude, allowed {MaximumLoss:P0}");
        // AdaIN keeps the detail too, but only up to a global contrast change; the input's colours stay.
        Assert.True(TestFrames.MeanAbsDiffRgb(ColourCorrection.AdaIn(restored, input), input) > Amplitude / 2);
    }

    [Fact]
    public void Apply_None_ReturnsRestoredItself()
    {
        var f = TestFrames.Textured(8, 8);
        Assert.Same(f, ColourCorrection.Apply(ColourFix.None, f, TestFrames.Textured(8, 8, seed: 2)));
    }

    [Fact]
    public void Apply_KeepsRestoredAlpha()
    {
        var restored = TestFrames.Textured(16, 16);
        for (int i = 3; i < restored.Pixels.Length; i += 4)
            restored.Pixels[i] = 0.25f;
        foreach (var fix in new[] { ColourFix.Wavelet, ColourFix.AdaIn })
        {
            var r = ColourCorrection.Apply(fix, restored, TestFrames.Textured(16, 16, seed: 3));
            for (int i = 3; i < r.Pixels.Length; i += 4)
                Assert.Equal(0.25f, r.Pixels[i]);
        }
    }

    [Fact]
    public void Apply_DifferentSizes_ThrowsBadArgument()
    {
        var e = Assert.Throws<TdmException>(() => ColourCorrection.Apply(ColourFix.AdaIn, TestFrames.Textured(8, 8), TestFrames.Textured(9, 8)));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
        Assert.Contains("9x8", e.Message);
    }
}
