using Tdm.Engine.Imaging;
using Tdm.Engine.Tests.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Engine.Tests.Video;

public class SceneCutsTests
{
    private static readonly double Threshold = new RestoreSettings().CutThreshold;

    [Fact]
    public void Shots_HardCutInsideTheFrames_SplitsAtTheCut()
    {
        var frames = CutClips.TwoShots(5, 7);
        Assert.Equal([5, 7], SceneCuts.Shots(frames, Threshold));
        var scores = SceneCuts.Scores(frames);
        Assert.True(scores[4] > 2 * Threshold, $"the cut's score {scores[4]:0.000} should clear the threshold {Threshold} by far");
    }

    [Fact]
    public void Shots_SlowFadeToBlack_IsOneShot()
    {
        // 16 frames from full brightness to black: the fade's steepest step stays well under the threshold.
        var start = TestFrames.Textured(96, 64);
        var frames = Enumerable.Range(0, 16).Select(t => TestFrames.Map(start, (v, _) => v * (1f - (t / 15f)))).ToList();
        Assert.Equal([16], SceneCuts.Shots(frames, Threshold));
        Assert.True(SceneCuts.Scores(frames).Max() < Threshold / 2, $"fade scores up to {SceneCuts.Scores(frames).Max():0.000}");
    }

    [Fact]
    public void Shots_MovingAndNoisyFrames_AreOneShot()
    {
        var frames = Enumerable.Range(0, 12).Select(t => MemoryClip.Generated(12).ReadFrame(t)).ToList();
        Assert.Equal([12], SceneCuts.Shots(frames, Threshold));
    }

    [Fact]
    public void Shots_ThreeShots_LengthsAddUpInOrder()
    {
        var a = CutClips.TwoShots(3, 4);
        var frames = a.Concat(CutClips.TwoShots(2, 1).Take(2)).ToList(); // shot Y (4) then shot X again (2)
        Assert.Equal([3, 4, 2], SceneCuts.Shots(frames, Threshold));
        Assert.Equal([9], SceneCuts.Shots(frames, 1.0));
    }

    [Fact]
    public void Thumbnail_PortraitFrame_HasTheLongSideOnRows()
    {
        var thumb = SceneCuts.Thumbnail(TestFrames.Constant(40, 200, 1f, 1f, 1f));
        Assert.Equal(SceneCuts.ThumbnailLongSide * 6, thumb.Length); // 32 rows of 6 (40 * 32 / 200 = 6.4)
        Assert.All(thumb, v => Assert.InRange(v, 1 - 1e-9, 1 + 1e-9));
    }
}

/// <summary>Clips with a hard cut: a moving pattern, then another scene (inverted colours, other noise).</summary>
internal static class CutClips
{
    public static List<Frame> TwoShots(int before, int after, int width = 128, int height = 64)
    {
        var first = MemoryClip.Generated(before, width, height, seed: 1);
        var second = MemoryClip.Generated(after, width, height, seed: 2);
        return [
            .. Enumerable.Range(0, before).Select(first.ReadFrame),
            .. Enumerable.Range(0, after).Select(t => TestFrames.Map(second.ReadFrame(t), (v, _) => 1f - v)),
        ];
    }
}
