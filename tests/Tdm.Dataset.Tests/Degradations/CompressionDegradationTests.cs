using Tdm.Dataset.Degradations;
using Tdm.Dataset.Media;
using Tdm.Dataset.Tests.Support;

namespace Tdm.Dataset.Tests.Degradations;

public class CompressionDegradationTests
{
    private static readonly FfmpegTools s_tools = FfmpegTools.FromEnvironment();

    [Fact]
    public void Apply_CrfRising_EncodedBytesFall()
    {
        var clean = TestImages.Textured(128, 64, 0);
        var sizes = new[] { 18, 28, 38, 48 }.Select(crf =>
        {
            var record = new DegradationRecord();
            new CompressionDegradation(new CompressionRanges { H264Crf = new(crf, crf) }, s_tools).Apply(clean, new PairRandom(0, 0), record);
            Assert.Equal("h264", record.Get("mp4_codec"));
            Assert.Equal(crf, (int)record.Get("mp4_crf")!);
            return (long)record.Get("mp4_bytes")!;
        }).ToArray();
        for (var i = 1; i < sizes.Length; i++)
            Assert.True(sizes[i] < sizes[i - 1], $"encoded sizes at CRF 18, 28, 38, 48: {string.Join(", ", sizes)} bytes should fall");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Apply_KeptFileDecoded_EqualsReturnedImageAndDiffersFromClean(bool hevc)
    {
        using var folder = new TempFolder();
        var clean = TestImages.Textured(64, 64, 1);
        var ranges = new CompressionRanges { HevcProbability = hevc ? 1 : 0, H264Crf = new(35, 35), HevcCrf = new(35, 35) };
        var record = new DegradationRecord();
        var degraded = new CompressionDegradation(ranges, s_tools, keepFolder: folder.Path).Apply(clean, new PairRandom(0, 0), record);

        var kept = Assert.Single(Directory.GetFiles(folder.Path, "*.mp4"));
        Assert.Equal(new FileInfo(kept).Length, (long)record.Get("mp4_bytes")!);
        var decoded = CompressionDegradation.DecodeFirstFrame(s_tools, kept, 64, 64);
        Assert.Equal(decoded.Pixels, degraded.Pixels);
        Assert.Equal(hevc ? "hevc" : "h264", record.Get("mp4_codec"));
        var meanError = clean.Pixels.Zip(degraded.Pixels).Average(p => Math.Abs(p.First - p.Second));
        Assert.True(meanError > 0.5 / 255, $"CRF 35 should leave artifacts; mean absolute error {meanError * 255:F3} levels");
    }

    [Fact]
    public void Apply_SameInputTwice_SameBytes()
    {
        var clean = TestImages.Textured(64, 64, 2);
        var degradation = new CompressionDegradation(new CompressionRanges(), s_tools);
        var first = degradation.Apply(clean, new PairRandom(3, 3), new DegradationRecord());
        var second = degradation.Apply(clean, new PairRandom(3, 3), new DegradationRecord());
        Assert.Equal(first.Pixels, second.Pixels);
    }
}
