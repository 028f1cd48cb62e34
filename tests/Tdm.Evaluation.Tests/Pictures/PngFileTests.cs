using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Tdm.Evaluation.Pictures;

namespace Tdm.Evaluation.Tests.Pictures;

public sealed class PngFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tdm-eval-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Write_Frame_IsAPngOfItsSizeAndEightBitValues()
    {
        var frame = Clips.Numbered(13, 7, 2);
        frame.Pixels[0] = 1.5f; // clamped
        frame.Pixels[1] = -0.2f;
        var path = Path.Combine(_folder, "frame.png");
        PngFile.Write(frame, path);

        // Decoding is for this test's own file only: the product never decodes images with ImageSharp.
        using var image = Image.Load<Rgb24>(path);
        Assert.Equal((13, 7), (image.Width, image.Height));
        Assert.Equal(new Rgb24(255, 0, PngFile.Byte(frame.Pixels[2])), image[0, 0]);
        Assert.Equal(new Rgb24(PngFile.Byte(frame[12, 6][0]), PngFile.Byte(frame[12, 6][1]), PngFile.Byte(frame[12, 6][2])), image[12, 6]);
        Assert.Equal(["frame.png"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }
}
