using Tdm.Cli.Media;
using Tdm.Cli.Restore;
using Tdm.Cli.Tests.Support;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Imaging;

namespace Tdm.Cli.Tests.Restore;

public class ImageSequenceStoreTests
{
    private readonly FfmpegTools _tools = FfmpegTools.FromEnvironment();

    // Samples exactly representable in 16 bits and not in 8 (k / 65535 for k not a multiple of 257).
    private static Frame Gradient(int width, int height)
    {
        var frame = new Frame(width, height);
        for (var i = 0; i < frame.Pixels.Length; i++)
            frame.Pixels[i] = i % 4 == 3 ? 1f : ((1000 + (i * 613)) % 65536) / 65535f;
        return frame;
    }

    private static Frame ReadBack(string file, FfmpegTools tools)
    {
        var info = new MediaProbe(tools).Probe(file);
        using var clip = new FfmpegClip(info, tools);
        return clip.ReadFrame(0);
    }

    [Fact]
    public void Write_Png16_StoresSixteenBitsAndNoTemporaryFile()
    {
        using var folder = new TempFolder();
        var store = new ImageSequenceStore(SequencePattern.Parse(folder["f_%04d.png"]), ImageFormat.Choose("png", SampleDepth.Bits16, false, null), _tools);
        var frame = Gradient(20, 10);

        store.Write(1003, frame);

        Assert.Equal([folder["f_1003.png"]], Directory.GetFiles(folder.Path));
        Assert.Equal("rgb48be", Ffmpeg.PixelFormat(folder["f_1003.png"]));
        Assert.Equal(frame.Pixels, ReadBack(folder["f_1003.png"], _tools).Pixels);
    }

    [Theory]
    [InlineData("tiff", "rgb48le")]
    [InlineData("exr", "gbrpf32le")]
    public void Write_DeepFormats_KeepEverySample(string extension, string storedFormat)
    {
        var depth = extension == "exr" ? SampleDepth.Float : SampleDepth.Bits16;
        using var folder = new TempFolder();
        var store = new ImageSequenceStore(SequencePattern.Parse(folder[$"f_%d.{extension}"]), ImageFormat.Choose(extension, depth, false, null), _tools);
        var frame = Gradient(16, 8);

        store.Write(7, frame);

        Assert.Equal(storedFormat, Ffmpeg.PixelFormat(folder[$"f_7.{extension}"]));
        Assert.Equal(frame.Pixels, ReadBack(folder[$"f_7.{extension}"], _tools).Pixels);
    }

    [Fact]
    public void Write_HalfExr_WithinHalfPrecisionAndHalfTheSizeOfFloat()
    {
        using var folder = new TempFolder();
        var half = new ImageSequenceStore(SequencePattern.Parse(folder["h_%d.exr"]), ImageFormat.Choose("exr", SampleDepth.Float, false, SampleDepth.Half), _tools);
        var full = new ImageSequenceStore(SequencePattern.Parse(folder["f_%d.exr"]), ImageFormat.Choose("exr", SampleDepth.Float, false, null), _tools);
        var frame = Gradient(64, 32);

        half.Write(1, frame);
        full.Write(1, frame);

        // Half floats keep 11 significant bits; ffmpeg's EXR encoder truncates rather than rounds, so the relative
        // error is below one unit of the last place, 2^-10.
        const float RelativeTolerance = 1f / 1024;
        var back = ReadBack(folder["h_1.exr"], _tools).Pixels;
        for (var i = 0; i < back.Length; i++)
            Assert.True(Math.Abs(back[i] - frame.Pixels[i]) <= RelativeTolerance * Math.Abs(frame.Pixels[i]), $"sample {i}: {frame.Pixels[i]} came back {back[i]}");
        Assert.NotEqual(frame.Pixels, back);
        Assert.True(new FileInfo(folder["h_1.exr"]).Length < new FileInfo(folder["f_1.exr"]).Length * 0.75, "the half EXR is not smaller than the float one");
    }

    [Fact]
    public void Write_ExistingFrame_Replaced()
    {
        using var folder = new TempFolder();
        var store = new ImageSequenceStore(SequencePattern.Parse(folder["f_%04d.png"]), ImageFormat.Choose("png", SampleDepth.Bits8, false, null), _tools);
        store.Write(1, new Frame(8, 8));
        var white = new Frame(8, 8, Enumerable.Repeat(1f, 8 * 8 * 4).ToArray());

        store.Write(1, white);

        Assert.True(store.Has(1));
        Assert.Equal(white.Pixels, ReadBack(store.PathOf(1), _tools).Pixels);
    }

    [Fact]
    public void Write_FolderGone_OutputErrorAndNothingLeft()
    {
        using var folder = new TempFolder();
        var store = new ImageSequenceStore(SequencePattern.Parse(folder["gone/f_%04d.png"]), ImageFormat.Choose("png", SampleDepth.Bits8, false, null), _tools);

        var error = Assert.Throws<TdmException>(() => store.Write(1, new Frame(8, 8)));

        Assert.Equal(TdmErrorKind.Output, error.Kind);
        Assert.Contains("cannot write frame 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
