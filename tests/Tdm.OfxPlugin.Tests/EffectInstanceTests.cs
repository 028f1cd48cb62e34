namespace Tdm.OfxPlugin.Tests;

public class EffectInstanceTests
{
    [Theory]
    [InlineData(10.0, 10, 0)]
    [InlineData(12.0, 10, 2)]
    [InlineData(12.49, 10, 2)]
    [InlineData(12.5, 10, 3)]
    [InlineData(12.51, 10, 3)]
    [InlineData(3.0, 10, 0)]     // before the clip: its first frame
    [InlineData(99.0, 10, 23)]   // after the clip: its last frame
    [InlineData(-0.5, -3, 3)]
    public void FrameIndex_HostTime_RoundsAndClampsToClip(double time, double first, int expected) =>
        Assert.Equal(expected, EffectInstance.FrameIndex(time, first, 24));
}
