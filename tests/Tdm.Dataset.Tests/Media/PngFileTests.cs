using Tdm.Dataset.Media;
using Tdm.Dataset.Tests.Support;

namespace Tdm.Dataset.Tests.Media;

public class PngFileTests
{
    [Theory]
    [InlineData(64, 64)]
    [InlineData(37, 5)]
    public void Write_DecodedByFfmpeg_EqualsQuantisedFrame(int width, int height)
    {
        using var folder = new TempFolder();
        var frame = TestImages.Textured(width, height, 4);
        var path = Path.Combine(folder.Path, "f.png");

        PngFile.Write(frame, path);

        var decoded = PngFile.Read(FfmpegTools.FromEnvironment(), path, width, height);
        Assert.Equal(PngFile.Quantise(frame.Clone()).Pixels, decoded.Pixels);
        Assert.Equal((width, height), Tdm.Dataset.DatasetInspection.PngSize(path));
    }

    [Fact]
    public void Encode_SameFrameTwice_SameBytes() =>
        Assert.Equal(PngFile.Encode(TestImages.Random(32, 1)), PngFile.Encode(TestImages.Random(32, 1)));
}
