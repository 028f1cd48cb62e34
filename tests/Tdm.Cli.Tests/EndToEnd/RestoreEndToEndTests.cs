using System.Text.Json;
using Tdm.Cli.Media;
using Tdm.Cli.Tests.Support;
using Tdm.Dataset.Media;

namespace Tdm.Cli.Tests.EndToEnd;

/// <summary>The built tdm program on the golden tiny model: real engine, real ffmpeg, separate processes.</summary>
public sealed class RestoreEndToEndTests(EndToEndFixture e2e) : IClassFixture<EndToEndFixture>, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FfmpegTools _tools = FfmpegTools.FromEnvironment();

    public void Dispose() => _folder.Dispose();

    private float[] Pixels(string file)
    {
        using var clip = new FfmpegClip(new MediaProbe(_tools).Probe(file), _tools);
        return clip.ReadFrame(0).Pixels;
    }

    private static string Numbered(string pattern, int number) => pattern.Replace("%04d", number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Fact]
    public void Restore_VideoWithAudio_VideoOfTheSameSizeLengthAndAudio()
    {
        var output = _folder["restored.mp4"];
        var (code, _, error) = TdmProcess.Run(e2e.Restore(e2e.Clip, output));

        Assert.True(code == 0, error);
        var info = new MediaProbe(_tools).Probe(output);
        Assert.Equal((128, 64, EndToEndFixture.ClipFrames), (info.Width, info.Height, Ffmpeg.FrameCount(output)));
        Assert.Equal("video,audio", Ffmpeg.StreamTypes(output));
        Assert.False(Directory.Exists(output + ".frames"));
    }

    [Fact]
    public void Restore_Png16Sequence_SixteenBitFramesUnderTheInputNumbers()
    {
        var output = _folder["out/r_%04d.png"];
        var (code, _, error) = TdmProcess.Run(e2e.Restore(e2e.Sequence, output));

        Assert.True(code == 0, error);
        var expected = Enumerable.Range(EndToEndFixture.SequenceFirst, EndToEndFixture.SequenceFrames).Select(n => Numbered(output, n));
        Assert.Equal(expected, Directory.GetFiles(_folder["out"]).Order());
        Assert.Equal("rgb48be", Ffmpeg.PixelFormat(Numbered(output, EndToEndFixture.SequenceFirst)));
        // Samples off the 8-bit grid (k * 257) prove the engine's output was written with all 16 bits.
        var raw = Ffmpeg.Decode(Numbered(output, EndToEndFixture.SequenceFirst + 3), "rgba64le");
        var samples = Enumerable.Range(0, raw.Length / 2).Select(i => BitConverter.ToUInt16(raw, i * 2)).ToList();
        Assert.True(samples.Count(s => s % 257 != 0) > samples.Count / 2, "the 16-bit output holds only 8-bit values");
    }

    [Fact]
    public void Restore_FrameRangeWithHandles_BitIdenticalToTheWholeClip()
    {
        var output = _folder["part/r_%04d.exr"];
        var (code, _, error) = TdmProcess.Run(e2e.Restore(e2e.Clip, output, "--chunk", "4", "--handles", "2", "--frames", "9-14"));

        Assert.True(code == 0, error);
        Assert.Equal(6, Directory.GetFiles(_folder["part"]).Length);
        for (var n = 9; n <= 14; n++)
            Assert.True(Pixels(Numbered(e2e.Reference, n)).AsSpan().SequenceEqual(Pixels(Numbered(output, n))), $"frame {n} differs from the whole-clip run");
    }

    [Fact]
    public void Restore_ProcessGroupTerminatedThenRerun_ResumesToTheWholeClipResult()
    {
        var output = _folder["resumed/r_%04d.exr"];
        var args = e2e.Restore(e2e.Clip, output, "--chunk", "4", "--handles", "2");
        args[Array.IndexOf(args, "--progress") + 1] = "json";

        using (var tdm = TdmProcess.StartInOwnGroup(args))
        {
            tdm.ReadUntil(line => line.Contains("\"event\":\"frame-written\"", StringComparison.Ordinal));
            tdm.TerminateGroup();
            Assert.Equal(ExitCodes.Cancelled, tdm.Wait(TimeSpan.FromMinutes(2)));
            Assert.Contains("\"event\":\"error\",\"exitCode\":130", tdm.RestOfOutput, StringComparison.Ordinal);
        }
        var kept = Directory.GetFiles(_folder["resumed"]);
        Assert.InRange(kept.Length, 1, EndToEndFixture.ClipFrames - 1);
        Assert.All(kept, f => Assert.EndsWith(".exr", f, StringComparison.Ordinal)); // no temporary file left behind

        var (code, stdout, error) = TdmProcess.Run(args);
        Assert.True(code == 0, error);
        var started = JsonDocument.Parse(stdout.Split('\n')[0]).RootElement;
        Assert.Equal(kept.Length, started.GetProperty("framesSkipped").GetInt32());
        for (var n = 0; n < EndToEndFixture.ClipFrames; n++)
            Assert.True(Pixels(Numbered(e2e.Reference, n)).AsSpan().SequenceEqual(Pixels(Numbered(output, n))), $"frame {n} differs from the uninterrupted run");
    }
}
