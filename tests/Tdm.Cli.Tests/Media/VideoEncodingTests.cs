using Tdm.Cli.Media;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Tests.Media;

public class VideoEncodingTests
{
    private static MediaInfo Input(string codec = "h264", string pixelFormat = "yuv420p", SampleDepth depth = SampleDepth.Bits8, string? audio = null, string? profile = null) => new()
    {
        Path = "in.mov",
        Width = 64,
        Height = 32,
        FrameCount = 10,
        Rate = new FrameRate(25, 1),
        PixelFormat = pixelFormat,
        Depth = depth,
        Codec = codec,
        Profile = profile,
        AudioCodec = audio,
    };

    private static string Arg(VideoEncoding e, string name) => e.VideoArguments[e.VideoArguments.ToList().IndexOf(name) + 1];

    [Fact]
    public void Choose_H264EightBit_HighQualityX264()
    {
        var e = VideoEncoding.Choose("mp4", Input());
        Assert.Equal(("mp4", RawPixelFormat.Rgba8), (e.Muxer, e.Raw));
        Assert.Equal(("libx264", "yuv420p", "16"), (Arg(e, "-c:v"), Arg(e, "-pix_fmt"), Arg(e, "-crf")));
    }

    [Fact]
    public void Choose_TenBitInput_KeepsTenBits()
    {
        var e = VideoEncoding.Choose("mkv", Input("h264", "yuv422p10le", SampleDepth.Bits16));
        Assert.Equal(("matroska", RawPixelFormat.Rgba16, "yuv422p10le"), (e.Muxer, e.Raw, Arg(e, "-pix_fmt")));
    }

    [Fact]
    public void Choose_ProResInMov_StaysProResWithItsProfile()
    {
        var e = VideoEncoding.Choose("mov", Input("prores", "yuv422p10le", SampleDepth.Bits16, profile: "HQ"));
        Assert.Equal(("prores_ks", "3"), (Arg(e, "-c:v"), Arg(e, "-profile:v")));
    }

    [Fact]
    public void Choose_AudioTheContainerHolds_Copied() =>
        Assert.Equal(["-c:a", "copy"], VideoEncoding.Choose("mp4", Input(audio: "aac")).AudioArguments);

    [Fact]
    public void Choose_PcmAudioIntoMp4_ReencodedAsAac() =>
        Assert.Equal(["-c:a", "aac", "-b:a", "256k"], VideoEncoding.Choose("mp4", Input(audio: "pcm_s16le")).AudioArguments);

    [Fact]
    public void Choose_UnknownContainer_ListsTheKnownOnes()
    {
        var error = Assert.Throws<TdmException>(() => VideoEncoding.Choose("flv", Input()));
        Assert.Equal(TdmErrorKind.BadArgument, error.Kind);
        Assert.Contains(".mp4", error.Message, StringComparison.Ordinal);
    }
}
