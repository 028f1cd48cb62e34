using System.Globalization;
using Tdm.Cli.Bench;
using Tdm.Cli.Tests.Support;
using Tdm.Engine.Runtime;

namespace Tdm.Cli.Tests.Bench;

public sealed class BenchDevicesCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    [Trait("Device", "NoCuda")]
    public void Run_WithoutCuda_ExitSixNamingTheMissingLibraryBeforeAnyWork()
    {
        // This checks the path a machine without a GPU takes (CI's); on a machine with an NVIDIA driver the command
        // would compare for real instead.
        Assert.False(CudaLibraries.DriverPresent, "this test needs a machine without an NVIDIA driver (libcuda.so.1)");

        var (code, output, error) = InProcess.Run(["bench", "devices", "--arch", "tiny", "--cache-dir", _folder.Path]);

        Assert.Equal(ExitCodes.Device, code);
        Assert.Contains("tdm: error: bench devices compares CUDA with the CPU and needs a GPU", error, StringComparison.Ordinal);
        Assert.Contains("libcuda.so.1", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(_folder["bench-models"]), "the model was synthesized although CUDA was known to be missing");
    }

    [Fact]
    public void Run_CandidateCpuFloat16_ComparesEveryFrameAndPasses()
    {
        var (code, output, error) = InProcess.Run(["bench", "devices", "--arch", "tiny", "--candidate", "cpu-fp16", "--frames", "2",
            "--size", "64x64", "--inversion-steps", "1", "--steps", "2", "--threads", "1", "--cache-dir", _folder.Path]);

        Assert.True(code == ExitCodes.Ok, error + output);
        Assert.Contains("reference: CPU, 1 thread (float32)", output, StringComparison.Ordinal);
        Assert.Contains("candidate: CPU, 1 thread, float16 (float16)", output, StringComparison.Ordinal);
        var rows = output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(r => r.Length == 4).ToList();
        var all = rows.Single(r => r[0] == "all").Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(["0", "1"], rows.Where(r => r[0] is "0" or "1").Select(r => r[0]));
        // Float16 rounds: identical frames would mean the candidate did not run the float16 graphs.
        Assert.True(all[0] > 0 && all[1] > 0, $"float16 and float32 frames are identical (max {all[0]}, mean {all[1]})");
        Assert.True(all[0] <= Float16Tolerance.MaxAbs && all[2] >= Float16Tolerance.MinPsnr, output);
        Assert.Contains("PASS: max |diff|", output, StringComparison.Ordinal);
        Assert.Contains("reference (CPU float32)", output, StringComparison.Ordinal);
        Assert.Contains("candidate (CPU float16)", output, StringComparison.Ordinal);
        Assert.Contains("tolerance was argued for the tiny model at 10 + 32 steps", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--candidate", "gpu", "--candidate must be one of cuda, cpu-fp16; got 'gpu'")]
    [InlineData("--arch", "sdxl", "--arch must be one of tiny, sd15; got 'sdxl'")]
    [InlineData("--frames", "0", "--frames must be a whole number from 1 to 256, got '0'")]
    [InlineData("--size", "wide", "--size must be WIDTHxHEIGHT")]
    [InlineData("--inversion-steps", "0", "--inversion-steps must be a whole number from 1 to 1000, got '0'")]
    [InlineData("--steps", "x", "--steps must be a whole number from 1 to 1000, got 'x'")]
    [InlineData("--device-index", "-1", "--device-index must be a whole number from 0 to 64, got '-1'")]
    [InlineData("--cache-dir", "", "--cache-dir needs a non-empty value")]
    public void Run_BadArgument_ExitTwoBeforeAnyWork(string option, string value, string message)
    {
        var args = new List<string> { "bench", "devices", option, value };
        if (option != "--cache-dir")
            args.AddRange(["--cache-dir", _folder.Path]);

        var (code, output, error) = InProcess.Run([.. args]);

        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(_folder["bench-models"]), "work started before the arguments were checked");
    }

    [Fact]
    public void Help_StatesTheTolerance()
    {
        var (code, output, _) = InProcess.Run(["bench", "devices", "--help"]);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"PSNR >= {Float16Tolerance.MinPsnr} dB"), output, StringComparison.Ordinal);
        Assert.Contains("--candidate", output, StringComparison.Ordinal);
    }
}
