using Tdm.Engine.Imaging;
using Tdm.Engine.Metrics;
using Tdm.Engine.Tests.Imaging;

namespace Tdm.Engine.Tests.Metrics;

public class TemporalConsistencyTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void FlickerIndex_OutputChangesAsInput_IsZero()
    {
        var input = Clip(5, shift: 1);
        var output = input.Select(f => TestFrames.Map(f, (v, c) => v + 0.05f)).ToList(); // steady colour shift
        double flicker = TemporalConsistency.FlickerIndex(output, input);
        Assert.True(flicker < Tolerance, $"flicker index {flicker}, expected 0 (tolerance {Tolerance})");
    }

    [Fact]
    public void FlickerIndex_AlternatingBrightness_IsTheStepSize()
    {
        // Odd frames 0.1 brighter: every consecutive pair changes by 0.1 more than the input does.
        const double Expected = 0.1;
        var input = Clip(4, shift: 1);
        var output = input.Select((f, t) => TestFrames.Map(f, (v, c) => v + (t % 2 == 1 ? 0.1f : 0f))).ToList();
        double flicker = TemporalConsistency.FlickerIndex(output, input);
        Assert.True(Math.Abs(flicker - Expected) < Tolerance, $"flicker index {flicker}, expected {Expected}");
    }

    [Fact]
    public void FlickerIndex_MismatchedLengths_ThrowsBadArgument()
    {
        var e = Assert.Throws<TdmException>(() => TemporalConsistency.FlickerIndex(Clip(3, 1), Clip(2, 1)));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
    }

    /// <summary>Frames of a texture translated <paramref name="shift"/> px to the right per frame.</summary>
    private static List<Frame> Clip(int frames, int shift)
    {
        var wide = TestFrames.Textured(64 + (frames * shift), 24);
        var clip = new List<Frame>();
        for (int t = 0; t < frames; t++)
        {
            var f = new Frame(64, 24);
            for (int y = 0; y < 24; y++)
                for (int x = 0; x < 64; x++)
                    wide[x + ((frames - t) * shift), y].CopyTo(f[x, y]);
            clip.Add(f);
        }
        return clip;
    }
}
