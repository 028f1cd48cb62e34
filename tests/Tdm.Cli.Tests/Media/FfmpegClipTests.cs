using Tdm.Cli.Media;
using Tdm.Cli.Tests.Support;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Tests.Media;

public class FfmpegClipTests(MediaFixture media) : IClassFixture<MediaFixture>
{
    private readonly FfmpegTools _tools = FfmpegTools.FromEnvironment();

    [Fact]
    public void ReadFrame_AnyOrder_SameFramesAsOneSequentialPass()
    {
        var info = new MediaProbe(_tools).Probe(media.Video);
        // Frame i of one plain ffmpeg decode of the whole file is the reference for clip index i.
        var decoded = Ffmpeg.Decode(media.Video, "rgba");
        var frameBytes = info.Width * info.Height * 4;
        Assert.Equal(MediaFixture.VideoFrames * frameBytes, decoded.Length);

        // A tiny cache forces restarts: backwards reads and long jumps seek, short ones stream forward.
        using var clip = new FfmpegClip(info, _tools, cacheFrames: 2);
        foreach (var index in new[] { 17, 3, 39, 0, 1, 2, 30, 25, 26 })
        {
            var expected = RawPixels.ToFrame(decoded.AsSpan(index * frameBytes, frameBytes), RawPixelFormat.Rgba8, info.Width, info.Height);
            Assert.True(expected.Pixels.AsSpan().SequenceEqual(clip.ReadFrame(index).Pixels), $"clip index {index} is not the file's frame {index}");
        }
    }

    [Fact]
    public void ReadFrame_SeekedFrame_BitIdenticalToStreamedFrame()
    {
        var info = new MediaProbe(_tools).Probe(media.Video);
        using var streamed = new FfmpegClip(info, _tools);
        var all = Enumerable.Range(0, info.FrameCount).Select(streamed.ReadFrame).ToList();

        foreach (var index in new[] { 33, 5, 21, 39 })
        {
            using var seeking = new FfmpegClip(info, _tools, cacheFrames: 1);
            Assert.Equal(all[index].Pixels, seeking.ReadFrame(index).Pixels);
        }
    }

    [Fact]
    public void ReadFrame_Png16_KeepsAllSixteenBits()
    {
        var info = new MediaProbe(_tools).Probe(media.SequencePattern);
        using var clip = new FfmpegClip(info, _tools);
        Assert.Equal(RawPixelFormat.Rgba16, clip.Format);

        var samplesPerFrame = MediaFixture.SequenceWidth * MediaFixture.SequenceHeight * 4;
        foreach (var index in new[] { 4, 0, 5 })
        {
            var frame = clip.ReadFrame(index);
            var expected = media.SequenceSamples.AsSpan(index * samplesPerFrame, samplesPerFrame).ToArray().Select(s => s / 65535f);
            Assert.Equal(expected, frame.Pixels);
        }
    }

    [Fact]
    public void ReadFrame_FileShorterThanProbed_ReportsTruncation()
    {
        var info = new MediaProbe(_tools).Probe(media.Video) with { FrameCount = MediaFixture.VideoFrames + 5 };
        using var clip = new FfmpegClip(info, _tools);

        clip.ReadFrame(MediaFixture.VideoFrames - 1);
        var error = Assert.Throws<TdmException>(() => clip.ReadFrame(MediaFixture.VideoFrames));
        Assert.Equal(TdmErrorKind.Input, error.Kind);
        Assert.Contains($"ended before frame {MediaFixture.VideoFrames} although ffprobe counted {MediaFixture.VideoFrames + 5} frames", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFrame_OutsideTheClip_Rejected()
    {
        var info = new MediaProbe(_tools).Probe(media.Video);
        using var clip = new FfmpegClip(info, _tools);
        Assert.Throws<TdmException>(() => clip.ReadFrame(MediaFixture.VideoFrames));
    }
}
