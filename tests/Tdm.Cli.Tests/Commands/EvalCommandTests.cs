using System.Text.Json;
using Tdm.Cli.Tests.Support;
using Tdm.Dataset.Media;
using Tdm.Engine.Metrics;

namespace Tdm.Cli.Tests.Commands;

public sealed class EvalCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public EvalCommandTests()
    {
        // A clean clip, the same clip with noise (lossless, so the numbers are the noise's), and a PNG range of it.
        Ffmpeg.Run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x32:rate=24", "-frames:v", "6", "-c:v", "ffv1", "-pix_fmt", "rgb24", _folder["clean.mkv"]]);
        Ffmpeg.Run("ffmpeg", ["-v", "error", "-i", _folder["clean.mkv"], "-vf", "noise=alls=30:allf=t", "-c:v", "ffv1", "-pix_fmt", "rgb24", _folder["noisy.mkv"]]);
        Directory.CreateDirectory(_folder["range"]);
        Ffmpeg.Run("ffmpeg", ["-v", "error", "-i", _folder["noisy.mkv"], "-vf", "select=between(n\\,2\\,4)", "-fps_mode", "passthrough", "-start_number", "2", _folder["range/f_%04d.png"]]);
    }

    public void Dispose() => _folder.Dispose();

    private static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement;

    [Fact]
    public void Eval_ClipAgainstItself_InfinitePsnrSsimOneNoFlicker()
    {
        var (code, output, error) = InProcess.Run(["eval", _folder["clean.mkv"], _folder["clean.mkv"], "--json"]);
        Assert.True(code == ExitCodes.Ok, error);
        var result = Json(output);
        Assert.Equal(("inf", 1.0, 0.0, 6), (result.GetProperty("psnr").GetString(), result.GetProperty("ssim").GetDouble(),
            result.GetProperty("flicker").GetDouble(), result.GetProperty("frames").GetInt32()));
    }

    [Fact]
    public void Eval_NoisyAgainstClean_SameFiguresAsTheMetricsOnTheDecodedFrames()
    {
        var (code, output, error) = InProcess.Run(["eval", _folder["noisy.mkv"], _folder["clean.mkv"], "--json", "--per-frame"]);
        Assert.True(code == ExitCodes.Ok, error);

        var tools = Tdm.Dataset.Media.FfmpegTools.FromEnvironment();
        using var noisy = new Cli.Media.FfmpegClip(new Cli.Media.MediaProbe(tools).Probe(_folder["noisy.mkv"]), tools);
        using var clean = new Cli.Media.FfmpegClip(new Cli.Media.MediaProbe(tools).Probe(_folder["clean.mkv"]), tools);
        var a = Enumerable.Range(0, 6).Select(noisy.ReadFrame).ToList();
        var b = Enumerable.Range(0, 6).Select(clean.ReadFrame).ToList();
        const double Tolerance = 1e-4; // the JSON rounds PSNR to 4 decimals
        var result = Json(output);
        var psnr = a.Zip(b, (x, y) => Psnr.Compute(x, y)).Average();
        Assert.True(Math.Abs(psnr - result.GetProperty("psnr").GetDouble()) <= Tolerance, $"PSNR {result.GetProperty("psnr")} vs {psnr}");
        Assert.True(psnr is > 10 and < 40, $"noise of strength 30 should give a PSNR well inside 10..40 dB, got {psnr}");
        Assert.Equal(a.Zip(b, (x, y) => Ssim.Compute(x, y)).Average(), result.GetProperty("ssim").GetDouble(), Tolerance);
        Assert.Equal(TemporalConsistency.FlickerIndex(a, b), result.GetProperty("flicker").GetDouble(), Tolerance);
        Assert.Equal(6, result.GetProperty("perFrame").GetArrayLength());
    }

    [Fact]
    public void Eval_SequenceRangeAgainstVideo_ComparesTheSameFrameNumbers()
    {
        var (code, output, error) = InProcess.Run(["eval", _folder["range/f_%04d.png"], _folder["noisy.mkv"], "--json"]);
        Assert.True(code == ExitCodes.Ok, error);
        var result = Json(output);
        Assert.Equal((2, 4, "inf"), (result.GetProperty("first").GetInt32(), result.GetProperty("last").GetInt32(), result.GetProperty("psnr").GetString()));
    }

    [Fact]
    public void Eval_DifferentSizes_ExitThree()
    {
        Ffmpeg.Run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=32x32:rate=24", "-frames:v", "2", _folder["small.mkv"]]);
        var (code, _, error) = InProcess.Run(["eval", _folder["small.mkv"], _folder["clean.mkv"]]);
        Assert.Equal(ExitCodes.Input, code);
        Assert.Contains("is 32x32 but", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_Text_ListsTheThreeFigures()
    {
        var (code, output, _) = InProcess.Run(["eval", _folder["noisy.mkv"], _folder["clean.mkv"]]);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("PSNR ", output, StringComparison.Ordinal);
        Assert.Contains("SSIM ", output, StringComparison.Ordinal);
        Assert.Contains("flicker ", output, StringComparison.Ordinal);
    }
}
