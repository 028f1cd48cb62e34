using Tdm.Cli.Media;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Tests.Media;

public class ImageFormatTests
{
    private static SampleDepth? Depth(string? name) => name switch
    {
        null => null,
        "8" => SampleDepth.Bits8,
        "16" => SampleDepth.Bits16,
        "half" => SampleDepth.Half,
        _ => SampleDepth.Float,
    };

    [Theory]
    [InlineData("png", "8", "8")]
    [InlineData("png", "16", "16")]
    [InlineData("png", "float", "16")]
    [InlineData("tiff", "16", "16")]
    [InlineData("exr", "8", "float")]
    [InlineData("exr", "half", "half")]
    public void Choose_KeepsTheInputDepthWhereTheFormatAllows(string extension, string input, string expected) =>
        Assert.Equal(expected, ImageFormat.DepthName(ImageFormat.Choose(extension, Depth(input)!.Value, inputAlpha: false, requested: null).Depth));

    [Fact]
    public void Choose_RequestedDepth_Wins() =>
        Assert.Equal(SampleDepth.Half, ImageFormat.Choose("exr", SampleDepth.Float, false, SampleDepth.Half).Depth);

    [Theory]
    [InlineData("png", "float", "cannot be stored in .png")]
    [InlineData("exr", "16", "cannot be stored in .exr")]
    [InlineData("jpg", null, "'.jpg' is not one of them")]
    public void Choose_Impossible_Rejected(string extension, string? requested, string expected)
    {
        var error = Assert.Throws<TdmException>(() => ImageFormat.Choose(extension, SampleDepth.Bits8, false, Depth(requested)));
        Assert.Equal(TdmErrorKind.BadArgument, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncoderArguments_Png16WithoutAlpha_WritesRgb48()
    {
        var format = ImageFormat.Choose("png", SampleDepth.Bits16, false, null);
        Assert.Equal(RawPixelFormat.Rgba16, format.Raw);
        Assert.Equal(["-c:v", "png", "-pix_fmt", "rgb48be"], format.EncoderArguments());
    }

    [Fact]
    public void EncoderArguments_HalfExrWithAlpha_WritesHalfRgba() =>
        Assert.Equal(["-c:v", "exr", "-pix_fmt", "gbrapf32le", "-format", "half", "-compression", "zip1"],
            ImageFormat.Choose("exr", SampleDepth.Half, true, null).EncoderArguments());
}
