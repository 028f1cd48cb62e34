using Tdm.Engine.Imaging;
using Tdm.Evaluation.Warping;
using Xunit.Abstractions;

namespace Tdm.Evaluation.Tests.Warping;

public class WarpingErrorMeterTests(ITestOutputHelper output)
{
    /// <summary>The warping error (x1000) of a clip of translated texture against itself: flow error only.</summary>
    private const double SteadyClipLimit = 0.05;

    private const int Frames = 5, Width = 128, Height = 80;

    [Fact]
    public void Value_TranslatedTextureAgainstItself_IsNearZero()
    {
        var clip = Clip(0);
        double we = Measure(clip, clip);
        output.WriteLine($"WE x1000 of the steady clip: {we:0.00000}");
        Assert.True(we < SteadyClipLimit, $"WE {we:0.0000} >= {SteadyClipLimit}");
    }

    [Fact]
    public void Value_InjectedFlicker_GrowsWithItsAmplitude()
    {
        // Odd frames brighter by a: every pair differs by a on visible pixels, so WE is about 1000 a^2.
        var reference = Clip(0);
        double previous = Measure(reference, reference);
        foreach (float a in new[] { 0.01f, 0.03f, 0.1f })
        {
            double we = Measure(Clip(a), reference);
            double expected = WarpingErrorMeter.Scale * a * a;
            output.WriteLine($"flicker {a}: WE {we:0.0000}, 1000 a^2 = {expected:0.0000}");
            Assert.True(we > previous, $"WE {we} with flicker {a} should exceed {previous}");
            Assert.InRange(we, 0.8 * expected, (1.2 * expected) + SteadyClipLimit);
            previous = we;
        }
    }

    [Fact]
    public void Value_BeforeAnyPair_IsNull()
    {
        var meter = new WarpingErrorMeter();
        Assert.Null(meter.Value);
        Assert.Throws<ArgumentException>(() => meter.Add(new Frame(8, 8), new Frame(8, 8), new Frame(9, 8), new Frame(9, 8)));
    }

    private static double Measure(IReadOnlyList<Frame> restored, IReadOnlyList<Frame> reference)
    {
        var meter = new WarpingErrorMeter();
        for (int t = 0; t + 1 < restored.Count; t++)
            meter.Add(restored[t], restored[t + 1], reference[t], reference[t + 1]);
        Assert.Equal(restored.Count - 1, meter.Pairs);
        return meter.Value!.Value;
    }

    // Texture moving (2.5, 1) px per frame; odd frames brighter by the flicker amplitude.
    private static List<Frame> Clip(float flicker) =>
        [.. Enumerable.Range(0, Frames).Select(t => Clips.Moving(t, Width, Height, 2.5f, 1f, t % 2 == 1 ? flicker : 0f))];
}
