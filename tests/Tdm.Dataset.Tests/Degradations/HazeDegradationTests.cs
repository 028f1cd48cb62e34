using Tdm.Dataset.Degradations;
using Tdm.Dataset.Media;
using Tdm.Dataset.Tests.Support;

namespace Tdm.Dataset.Tests.Degradations;

public class HazeDegradationTests
{
    // Storing the hazy image rounds it by at most half a level; solving for J divides that error by t.
    private const double HalfLevel = 0.5 / 255;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Apply_SolvedForJWithDrawnTAndA_GivesCleanWithinQuantisation(int seed)
    {
        var clean = TestImages.Random(64, seed);
        var record = new DegradationRecord();
        var hazy = PngFile.Quantise(new HazeDegradation(new HazeRanges()).Apply(clean, new PairRandom(seed, 3), record));
        var airlight = (double)record.Get("haze_airlight")!;
        var beta = (double)record.Get("haze_beta")!;

        var worst = 0.0;
        for (var y = 0; y < clean.Height; y++)
        {
            var t = HazeDegradation.Transmission(beta, y, clean.Height);
            for (var x = 0; x < clean.Width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    // J = (I - A (1 - t)) / t
                    var j = (hazy[x, y][c] - (airlight * (1 - t))) / t;
                    var error = Math.Abs(j - clean[x, y][c]);
                    var allowed = (HalfLevel / t) + 1e-5;
                    Assert.True(error <= allowed, $"pixel ({x},{y}) channel {c}: J off by {error:E3}, quantisation allows {allowed:E3} (t {t:F3}, A {airlight})");
                    worst = Math.Max(worst, error);
                }
            }
        }
        Assert.True(worst > 0, "the hazy image should differ from a plain copy");
        Assert.NotEqual(clean.Pixels, hazy.Pixels);
    }

    [Fact]
    public void Depth_TopToBottom_FallsFromOneToFifth()
    {
        Assert.Equal(1.0, HazeDegradation.Depth(0, 64), 12);
        Assert.Equal(0.2, HazeDegradation.Depth(63, 64), 12);
    }

    [Fact]
    public void Apply_WithDepthMap_SolvedWithMapsTransmissionGivesClean()
    {
        var clean = TestImages.Random(64, 4);
        var depth = TestImages.Random(64, 5); // any grey-level pattern: t varies per pixel, not per row
        var record = new DegradationRecord();
        var hazy = PngFile.Quantise(new HazeDegradation(new HazeRanges()).Apply(clean, depth, new PairRandom(4, 4), record));
        var airlight = (double)record.Get("haze_airlight")!;
        var beta = (double)record.Get("haze_beta")!;

        Assert.Equal("map", record.Get("haze_depth"));
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                var t = Math.Exp(-beta * HazeDegradation.DepthOfMap(depth[x, y][0]));
                var j = (hazy[x, y][1] - (airlight * (1 - t))) / t;
                Assert.True(Math.Abs(j - clean[x, y][1]) <= (HalfLevel / t) + 1e-5, $"pixel ({x},{y}): J {j:F5}, clean {clean[x, y][1]:F5}, t {t:F3}");
            }
        }
    }
}
