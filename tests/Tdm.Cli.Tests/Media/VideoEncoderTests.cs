using Tdm.Cli.Media;
using Tdm.Cli.Restore;
using Tdm.Cli.Tests.Support;
using Tdm.Dataset.Media;
using Tdm.Engine.Imaging;

namespace Tdm.Cli.Tests.Media;

public class VideoEncoderTests(MediaFixture media) : IClassFixture<MediaFixture>
{
    private readonly FfmpegTools _tools = FfmpegTools.FromEnvironment();

    [Fact]
    public void Encode_RangeOfAVideoWithAudio_KeepsRateFramesAndAudio()
    {
        using var folder = new TempFolder();
        var input = new MediaProbe(_tools).Probe(media.Video);
        var cache = new RawFrameCache(folder["out.mp4.frames"], RawPixelFormat.Rgba8, input.Width, input.Height);
        Directory.CreateDirectory(cache.Directory);
        for (var n = 10; n <= 21; n++)
            cache.Write(n, new Frame(input.Width, input.Height, Enumerable.Repeat(n / 30f, input.Width * input.Height * 4).ToArray()));

        new VideoEncoder(_tools).Encode(cache, 10, 21, input, VideoEncoding.Choose("mp4", input), folder["out.mp4"], CancellationToken.None);

        var output = new MediaProbe(_tools).Probe(folder["out.mp4"]);
        Assert.Equal(("video,audio", 12, new FrameRate(24, 1)), (Ffmpeg.StreamTypes(folder["out.mp4"]), Ffmpeg.FrameCount(folder["out.mp4"]), output.Rate));
        Assert.Equal(("h264", "aac"), (output.Codec, output.AudioCodec));
        Assert.False(File.Exists(AtomicFile.TemporaryPathFor(folder["out.mp4"])));
    }

    [Fact]
    public void Encode_Cancelled_NoOutputLeft()
    {
        using var folder = new TempFolder();
        var input = new MediaProbe(_tools).Probe(media.Video);
        var cache = new RawFrameCache(folder["c"], RawPixelFormat.Rgba8, input.Width, input.Height);
        Directory.CreateDirectory(cache.Directory);
        cache.Write(0, new Frame(input.Width, input.Height));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new VideoEncoder(_tools).Encode(cache, 0, 0, input, VideoEncoding.Choose("mp4", input), folder["out.mp4"], cancel.Token));
        Assert.Equal([cache.PathOf(0)], Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories));
    }
}
