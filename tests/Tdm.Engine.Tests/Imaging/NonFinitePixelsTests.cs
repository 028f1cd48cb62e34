using Tdm.Engine.Imaging;
using Tdm.Engine.Tests.Video;

namespace Tdm.Engine.Tests.Imaging;

public class NonFinitePixelsTests
{
    [Fact]
    public void Count_FiniteFrame_None()
    {
        var frame = new Frame(33, 7);
        frame.Pixels.AsSpan().Fill(float.MaxValue);
        Assert.Equal((0L, -1), NonFinitePixels.Count(frame));
    }

    [Fact]
    public void Count_NaNAndInfinities_CountedWithTheFirstSample()
    {
        var frame = new Frame(33, 7); // 924 samples: a tail past every vector width
        frame.Pixels[(((2 * 33) + 5) * 4) + 1] = float.NaN;
        frame.Pixels[500] = float.PositiveInfinity;
        frame.Pixels[^1] = float.NegativeInfinity;
        Assert.Equal((3L, (((2 * 33) + 5) * 4) + 1), NonFinitePixels.Count(frame));
    }

    [Fact]
    public void ThrowIfAny_NaN_InputErrorNamingFrameCountAndPixel()
    {
        var frame = new Frame(8, 4);
        frame[3, 2][0] = float.NaN;
        frame[4, 2][2] = float.NaN;
        var clip = new MemoryClip([new Frame(8, 4), frame]);
        var e = Assert.Throws<TdmException>(() => NonFinitePixels.ThrowIfAny(frame, clip, 1));
        Assert.Equal(TdmErrorKind.Input, e.Kind);
        Assert.StartsWith("frame 1 of the clip has 2 non-finite sample(s) (NaN or infinity; the first is NaN in R at x 3, y 2)", e.Message);
    }
}
