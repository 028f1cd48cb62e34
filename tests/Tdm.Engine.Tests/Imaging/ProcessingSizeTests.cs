using Tdm.Engine.Imaging;

namespace Tdm.Engine.Tests.Imaging;

public class ProcessingSizeTests
{
    [Theory]
    [InlineData(1920, 1080, 896, 512)]   // 1920*512/1080 = 910.2 -> 14.2 x 64 -> 896
    [InlineData(1080, 1920, 512, 896)]   // portrait
    [InlineData(3840, 2160, 896, 512)]
    [InlineData(896, 512, 896, 512)]     // already the paper's size
    [InlineData(720, 480, 768, 512)]
    [InlineData(641, 479, 704, 512)]     // odd: 641*512/479 = 685.2 -> 10.7 -> 704
    [InlineData(1001, 777, 640, 512)]    // odd: 659.6 -> 10.3 -> 640
    [InlineData(500, 500, 512, 512)]
    [InlineData(1, 1, 512, 512)]         // tiny: upsampled to the short side
    [InlineData(64, 36, 896, 512)]
    [InlineData(3, 200, 64, 2048)]       // extreme strip: long side capped, short side at least one multiple
    public void For_Input_GivesPaperProcessingSize(int w, int h, int expectedW, int expectedH)
    {
        var size = ProcessingSize.For(w, h);
        Assert.Equal((expectedW, expectedH), (size.Width, size.Height));
        Assert.Equal((w, h), (size.OutputWidth, size.OutputHeight));
        Assert.Equal((w, h), (size.InputWidth, size.InputHeight));
        Assert.Equal(0, size.Width % 64);
        Assert.Equal(0, size.Height % 64);
    }

    [Theory]
    [InlineData(128, 224, 4, 512, 896)]
    [InlineData(960, 540, 2, 896, 512)]
    [InlineData(33, 17, 3, 1024, 512)]   // output 99x51: 99*512/51 = 993.9 -> 15.53 -> 16 x 64
    public void For_SuperResolution_OutputIsScaledInput(int w, int h, int scale, int expectedW, int expectedH)
    {
        var size = ProcessingSize.For(w, h, scale);
        Assert.Equal((w * scale, h * scale), (size.OutputWidth, size.OutputHeight));
        Assert.Equal(expectedW, size.Width);
        Assert.Equal(expectedH, size.Height);
    }

    [Fact]
    public void For_CustomShortSideAndMultiple_RoundsToThatMultiple()
    {
        var size = ProcessingSize.For(1920, 1080, shortSide: 768, multiple: 32);
        Assert.Equal((1376, 768), (size.Width, size.Height)); // 1365.3 -> 42.67 -> 43 x 32
        Assert.Equal(1376.0 / 1920, size.ScaleX, 12);
    }

    [Theory]
    [InlineData(0, 10, 1, 512, 64)]
    [InlineData(10, 10, 0, 512, 64)]
    [InlineData(10, 10, 1, 32, 64)]
    [InlineData(10, 10, 1, 512, 0)]
    public void For_BadSizeOrOption_ThrowsBadArgument(int w, int h, int scale, int shortSide, int multiple)
    {
        var e = Assert.Throws<TdmException>(() => ProcessingSize.For(w, h, scale, shortSide, multiple));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
    }
}
