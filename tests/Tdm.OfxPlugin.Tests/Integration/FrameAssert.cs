using Tdm.Engine.Imaging;

namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>Bit-for-bit comparison of a frame the plugin rendered with the engine's own.</summary>
public static class FrameAssert
{
    /// <summary>Every value of the first <paramref name="channels"/> channels has the same bits in both frames.</summary>
    public static void EqualExactly(Frame expected, Frame actual, int channels, string what)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        var differing = 0;
        var first = "";
        for (var y = 0; y < expected.Height; y++)
            for (var x = 0; x < expected.Width; x++)
                for (var c = 0; c < channels; c++)
                    if (BitConverter.SingleToInt32Bits(expected[x, y][c]) != BitConverter.SingleToInt32Bits(actual[x, y][c]))
                    {
                        if (differing++ == 0)
                            first = $"({x},{y}) channel {c}: engine {expected[x, y][c]:R}, plugin {actual[x, y][c]:R}";
                    }
        Assert.True(differing == 0, $"{what}: {differing} values differ from the engine's output, first at {first}");
    }
}
