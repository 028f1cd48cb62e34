using Tdm.Cli.Media;
using Tdm.Cli.Tests.Support;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Tests.Media;

public partial class MediaProbeTests(MediaFixture media) : IClassFixture<MediaFixture>
{
    private readonly MediaProbe _probe = new(FfmpegTools.FromEnvironment());

    [Fact]
    public void Probe_Video_GivesSizeCountRateDepthAndAudio()
    {
        var info = _probe.Probe(media.Video);

        Assert.Null(info.Sequence);
        Assert.Equal((MediaFixture.VideoWidth, MediaFixture.VideoHeight), (info.Width, info.Height));
        Assert.Equal((MediaFixture.VideoFrames, 0, MediaFixture.VideoFrames - 1), (info.FrameCount, info.FirstNumber, info.LastNumber));
        Assert.Equal(new FrameRate(24, 1), info.Rate);
        Assert.False(info.VariableRate);
        Assert.Equal(("yuv420p", SampleDepth.Bits8, false), (info.PixelFormat, info.Depth, info.HasAlpha));
        Assert.Equal(("h264", "aac"), (info.Codec, info.AudioCodec));
    }

    [Fact]
    public void Probe_Png16Sequence_GivesFirstNumberCountAndSixteenBits()
    {
        var info = _probe.Probe(media.SequencePattern, new FrameRate(25, 1));

        Assert.NotNull(info.Sequence);
        Assert.Equal((MediaFixture.SequenceWidth, MediaFixture.SequenceHeight), (info.Width, info.Height));
        Assert.Equal((MediaFixture.SequenceFrames, MediaFixture.SequenceFirst), (info.FrameCount, info.FirstNumber));
        Assert.Equal(new FrameRate(25, 1), info.Rate);
        Assert.Equal(SampleDepth.Bits16, info.Depth);
        Assert.False(info.HasAudio);
    }

    [Fact]
    public void Probe_MissingFile_NamesIt()
    {
        var error = Assert.Throws<TdmException>(() => _probe.Probe("/nonexistent/clip.mp4"));
        Assert.Equal(TdmErrorKind.Input, error.Kind);
        Assert.Equal("input '/nonexistent/clip.mp4' does not exist (for an image sequence give a pattern such as frame_%04d.png)", error.Message);
    }

    [Fact]
    public void Probe_NotAVideo_QuotesFfprobe()
    {
        var error = Assert.Throws<TdmException>(() => _probe.Probe(media.NotAVideo));
        Assert.Equal(TdmErrorKind.Input, error.Kind);
        Assert.StartsWith($"cannot read '{media.NotAVideo}': ffprobe says: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid data found when processing input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_TruncatedVideo_QuotesFfprobe()
    {
        var error = Assert.Throws<TdmException>(() => _probe.Probe(media.Truncated));
        Assert.Equal(TdmErrorKind.Input, error.Kind);
        Assert.Contains("moov atom not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_PatternMatchingNothing_SaysWhatWasSought()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<TdmException>(() => _probe.Probe(folder["f_%04d.png"]));
        Assert.Equal(TdmErrorKind.Input, error.Kind);
        Assert.Equal($"no files match the pattern '{folder["f_%04d.png"]}': looked for names like f_0001.png in {folder.Path}", error.Message);
    }

    [Fact]
    public void Probe_SequenceWithAGap_NamesTheMissingFile()
    {
        using var folder = new TempFolder();
        foreach (var n in new[] { 1, 2, 4 })
            File.Copy(media.SequencePattern.Replace("%04d", "1001", StringComparison.Ordinal), folder[$"f_{n:D4}.png"]);
        var error = Assert.Throws<TdmException>(() => _probe.Probe(folder["f_%04d.png"]));
        Assert.Contains("f_0003.png is missing between frames 2 and 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_Folder_SuggestsAPattern()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<TdmException>(() => _probe.Probe(folder.Path));
        Assert.Contains("is a folder", error.Message, StringComparison.Ordinal);
    }
}
