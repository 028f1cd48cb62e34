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
    public void WarpingError_TrueFlowOfMovingContent_IsZero()
    {
        // Content moves 2 px right per frame: pixel (x, y) of frame t shows at (x + 2, y) in t + 1.
        var clip = Clip(4, shift: 2);
        var flow = Flow(clip[0].Width, clip[0].Height, 2f, 0f);
        double err = TemporalConsistency.WarpingError(clip, [flow, flow, flow]);
        Assert.True(err < Tolerance, $"warping error {err}, expected 0 (tolerance {Tolerance})");
        double still = TemporalConsistency.WarpingError(clip, Enumerable.Repeat(Flow(clip[0].Width, clip[0].Height, 0f, 0f), 3).ToList());
        Assert.True(still > 1e-3, $"a zero flow on moving content should cost, got {still}");
    }

    [Fact]
    public void WarpingError_HalfPixelFlowOnLinearRamp_IsZero()
    {
        // Bilinear sampling is exact on a linear ramp: a ramp moving 0.5 px per frame warps back exactly.
        var clip = new List<Frame>();
        for (int t = 0; t < 3; t++)
        {
            var f = new Frame(16, 8);
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 16; x++)
                {
                    float v = 0.02f * (x - (0.5f * t));
                    (f[x, y][0], f[x, y][1], f[x, y][2], f[x, y][3]) = (v, v, v, 1f);
                }
            clip.Add(f);
        }
        var flow = Flow(16, 8, 0.5f, 0f);
        double err = TemporalConsistency.WarpingError(clip, [flow, flow]);
        Assert.True(err < Tolerance, $"warping error {err}, expected 0 (tolerance {Tolerance})");
    }

    [Fact]
    public void WarpingError_MaskedOutPixels_DoNotCount()
    {
        var clip = Clip(2, shift: 2);
        int w = clip[0].Width, h = clip[0].Height;
        var mask = new float[w * h]; // everything occluded except column 5
        for (int y = 0; y < h; y++)
            mask[(y * w) + 5] = 1f;
        double err = TemporalConsistency.WarpingError(clip, [Flow(w, h, 2f, 0f)], [mask]);
        Assert.True(err < Tolerance, $"warping error {err}");
    }

    [Fact]
    public void FlickerIndex_MismatchedLengths_ThrowsBadArgument()
    {
        var e = Assert.Throws<TdmException>(() => TemporalConsistency.FlickerIndex(Clip(3, 1), Clip(2, 1)));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
        Assert.Throws<TdmException>(() => TemporalConsistency.WarpingError(Clip(3, 1), [new float[10]]));
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

    private static float[] Flow(int w, int h, float dx, float dy)
    {
        var flow = new float[2 * w * h];
        for (int i = 0; i < flow.Length; i += 2)
            (flow[i], flow[i + 1]) = (dx, dy);
        return flow;
    }
}
