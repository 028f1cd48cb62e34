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
    public void Eval_NoisyAgainstClean_WarpingErrorAboveTheCleanClipsOwnAndPerPair()
    {
        var (code, output, error) = InProcess.Run(["eval", _folder["noisy.mkv"], _folder["clean.mkv"], "--json", "--per-frame"]);
        Assert.True(code == ExitCodes.Ok, error);
        var noisy = Json(output);
        (code, output, error) = InProcess.Run(["eval", _folder["clean.mkv"], _folder["clean.mkv"], "--json"]);
        Assert.True(code == ExitCodes.Ok, error);
        double own = Json(output).GetProperty("warpingError").GetDouble(), added = noisy.GetProperty("warpingError").GetDouble();
        // Noise of strength 30 costs E_warp of the order of twice its variance x1000 (measured 6.7); testsrc2 at 64x32
        // has its own error (changing digits, flow at this size: measured 0.92), well below it.
        Assert.True(added > 3 * own && added > 2, $"warping error {added} with noise, {own} without");
        var perFrame = noisy.GetProperty("perFrame").EnumerateArray().ToList();
        Assert.All(perFrame.SkipLast(1), f => Assert.True(f.GetProperty("warpingError").GetDouble() > 0));
        Assert.False(perFrame[^1].TryGetProperty("warpingError", out _)); // the last frame has no next one
        Assert.Equal(added, perFrame.SkipLast(1).Average(f => f.GetProperty("warpingError").GetDouble()), 6);
    }

    [Fact]
    public void Eval_Pictures_XtSliceAndContactSheetOfTheExpectedSizes()
    {
        var (code, output, error) = InProcess.Run(["eval", _folder["noisy.mkv"], _folder["clean.mkv"], "--json", "--no-warping-error",
            "--xt-slice", _folder["xt.png"], "--xt-column", "10", "--contact-sheet", _folder["sheet.png"], "--sheet-frames", "3"]);
        Assert.True(code == ExitCodes.Ok, error);
        var result = Json(output);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("warpingError").ValueKind);
        Assert.Equal(_folder["xt.png"], result.GetProperty("xtSlice").GetString());
        Assert.Equal((2 * 6) + 4, PngSize(_folder["xt.png"]).Width); // 6 frames of input | gap | output
        Assert.Equal(32, PngSize(_folder["xt.png"]).Height);
        Assert.Equal(((3 * 64) + (2 * 4), (2 * 32) + 4), PngSize(_folder["sheet.png"])); // 3 cells: input above output
    }

    [Fact]
    public void Eval_ColumnAndRowTogether_IsAUsageError()
    {
        var (code, _, error) = InProcess.Run(["eval", _folder["noisy.mkv"], _folder["clean.mkv"], "--xt-slice", _folder["xt.png"], "--xt-column", "1", "--xt-row", "1"]);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("not both", error, StringComparison.Ordinal);
    }

    // A PNG's size is in its IHDR chunk: bytes 16..23, big-endian width and height.
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("PNG"u8.ToArray(), bytes[1..4]);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
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
    public void Eval_Text_ListsTheFourFigures()
    {
        var (code, output, _) = InProcess.Run(["eval", _folder["noisy.mkv"], _folder["clean.mkv"]]);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("PSNR ", output, StringComparison.Ordinal);
        Assert.Contains("SSIM ", output, StringComparison.Ordinal);
        Assert.Contains("flicker ", output, StringComparison.Ordinal);
        Assert.Contains("warping ", output, StringComparison.Ordinal);
    }
}
