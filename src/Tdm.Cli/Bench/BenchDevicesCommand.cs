using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tdm.Cli.CommandLine;
using Tdm.Cli.Commands;
using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;
using Tdm.Engine.Models.Synthetic;

namespace Tdm.Cli.Bench;

/// <summary>
/// 'tdm bench devices': restores one synthesized clip with one set of settings twice, on the CPU in float32 (the
/// path checked against the golden reference) and on CUDA in float16, and prints how far apart the frames are
/// (max and mean absolute difference, PSNR, per frame and overall) against <see cref="Float16Tolerance"/>, with
/// both timings. Without a GPU, '--candidate cpu-fp16' runs the float16 graphs on the CPU instead.
/// </summary>
internal sealed class BenchDevicesCommand(CliConsole console) : ICommand
{
    // The candidate's device; a DeviceKind rather than a bool, which System.CommandLine would take for a flag.
    private static readonly KeyValuePair<string, DeviceKind>[] s_candidates = [new("cuda", DeviceKind.Cuda), new("cpu-fp16", DeviceKind.Cpu)];

    /// <inheritdoc/>
    public string? Group => "bench";

    /// <inheritdoc/>
    public Command Create()
    {
        var architecture = BenchModels.Architecture();
        var model = CliOptions.Text("--model", "DIR", "compare with this model folder instead of a synthesized one");
        var frames = CliOptions.OptionalInt("--frames", "N", "frames in the clip, all in one chunk", 1, 256, "8 for tiny, 2 for sd15");
        var size = BenchModels.Size("frame size, processed as it is", "256x128 for tiny, 256x256 for sd15");
        var inversionSteps = BenchModels.InversionSteps();
        var steps = BenchModels.SamplingSteps();
        var tile = BenchModels.Tile();
        var overlap = BenchModels.TileOverlap();
        var candidate = CliOptions.Choice("--candidate", "cuda (float16 on the GPU) or cpu-fp16 (the same float16 graphs on the CPU, a check without a GPU)", s_candidates, DeviceKind.Cuda);
        var deviceIndex = BenchModels.DeviceIndex();
        var threads = BenchModels.Threads();
        var cache = BenchModels.CacheDirectory("compiled graphs and synthesized models");
        var command = new DocumentedCommand(
            "devices",
            "Restores one clip on the CPU (float32) and on CUDA (float16) and compares the frames: differences, PSNR, times.",
            "tdm bench devices [--arch tiny|sd15] [--frames N] [--size WxH] [--tile PX] [--inversion-steps N] [--steps N] [--cache-dir DIR]",
            Float16Tolerance.Help + "\n\nExit code 0 when the frames are within the tolerance, 1 when they are not. " + ExitCodes.Help)
        {
            architecture, model, frames, size, tile, overlap, inversionSteps, steps, candidate, deviceIndex, threads, cache,
        };
        // Every argument is checked by the parse, before any work, so a bad one costs nothing.
        command.SetAction((result, cancel) =>
        {
            var tiny = result.GetValue(architecture) == SyntheticArchitecture.Tiny;
            var count = result.GetValue(frames) ?? (tiny ? 8 : 2);
            var (width, height) = result.GetValue(size) ?? (tiny ? (256, 128) : (256, 256));
            var reference = new EngineOptions
            {
                Device = DeviceKind.Cpu,
                IntraOpThreads = result.GetValue(threads),
                CacheDirectory = result.GetValue(cache),
                ResultCacheBytes = 0, // both runs compute
            };
            var settings = (BenchModels.ClipSettings(result.GetValue(inversionSteps), result.GetValue(steps), count, width, height)
                with { Tile = result.GetValue(tile), TileOverlap = result.GetValue(overlap) }).Validate();
            return Task.FromResult(Run(result.GetValue(architecture), result.GetValue(model), count, width, height,
                result.GetValue(candidate) == DeviceKind.Cuda, result.GetValue(deviceIndex), reference, settings, cancel));
        });
        return command;
    }

    private int Run(SyntheticArchitecture architecture, string? modelFolder, int frames, int width, int height, bool onCuda, int deviceIndex,
        EngineOptions reference, RestoreSettings settings, CancellationToken cancel)
    {
        var tiny = architecture == SyntheticArchitecture.Tiny;
        var candidate = onCuda
            ? reference with { Device = DeviceKind.Cuda, DeviceIndex = deviceIndex }
            : reference with { HalfPrecisionOnCpu = true };

        // The candidate's device first: without CUDA the command stops at once, before minutes of CPU work.
        using var candidateEngine = new TdmEngine(candidate);
        string candidateDevice;
        try
        {
            candidateDevice = candidateEngine.DeviceDescription;
        }
        catch (TdmException e) when (e.Kind == TdmErrorKind.Device)
        {
            throw new TdmException(TdmErrorKind.Device,
                $"bench devices compares CUDA with the CPU and needs a GPU ('--candidate cpu-fp16' checks float16 without one): {e.Message}", e);
        }
        using var referenceEngine = new TdmEngine(reference);
        var model = modelFolder ?? BenchModels.Synthesized(architecture, reference, console);
        var clip = new SyntheticClip(frames, width, height);
        var processed = TdmEngine.PlanOf(width, height, settings);

        var inv = CultureInfo.InvariantCulture;
        console.Out.WriteLine($"tdm bench devices: {Path.GetFullPath(model)}");
        console.Out.WriteLine(string.Create(inv, $"  {frames} frames of {width}x{height}, processed at {processed.Width}x{processed.Height} in {processed.Tiles.Count} tile(s) of {settings.Tile} px, {settings.InversionSteps} inversion + {settings.SamplingSteps} sampling steps, guidance {settings.Guidance}, SW-CFA r={settings.Radius}"));
        console.Out.WriteLine($"  reference: {referenceEngine.DeviceDescription} (float32)");
        console.Out.WriteLine($"  candidate: {candidateDevice} (float16)");
        console.Out.Flush();

        var expected = Restore(referenceEngine, model, clip, settings, cancel);
        var actual = Restore(candidateEngine, model, clip, settings, cancel);

        var perFrame = expected.Frames.Zip(actual.Frames, FrameDifference.Between).ToList();
        var overall = FrameDifference.Combine(perFrame);
        console.Out.WriteLine();
        console.Out.WriteLine("frame   max |diff|   mean |diff|   PSNR (dB)");
        for (var i = 0; i < perFrame.Count; i++)
            Row(i.ToString(inv), perFrame[i]);
        Row("all", overall);

        console.Out.WriteLine();
        console.Out.WriteLine("                          load (s)   restore (s)   s/frame");
        Timing("reference (CPU float32)", expected, frames);
        Timing($"candidate ({(onCuda ? "CUDA" : "CPU")} float16)", actual, frames);
        console.Out.WriteLine(string.Create(inv, $"candidate restore speed-up over the reference: {expected.Seconds / actual.Seconds:0.0}x"));

        console.Out.WriteLine();
        var verdict = Float16Tolerance.Judge(overall);
        console.Out.WriteLine(verdict.Text);
        if (!tiny || settings.InversionSteps + settings.SamplingSteps != 42)
            console.Out.WriteLine("  (the tolerance was argued for the tiny model at 10 + 32 steps; other settings are only indicative)");
        if (verdict.Passed)
            return ExitCodes.Ok;
        console.Error.WriteLine($"tdm: error: the float16 frames are outside the tolerance of the float32 reference: {verdict.Text}");
        return ExitCodes.Internal;
    }

    private sealed record DeviceRun(Frame[] Frames, double LoadSeconds, double Seconds);

    private static DeviceRun Restore(TdmEngine engine, string model, SyntheticClip clip, RestoreSettings settings, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var paths = new ModelPaths(model);
        engine.LoadModel(paths);
        var load = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var frames = new Frame[clip.Length];
        engine.Restore(paths, clip, 0, clip.Length - 1, settings, (i, frame) => frames[i] = frame, null, cancel);
        return new DeviceRun(frames, load, clock.Elapsed.TotalSeconds);
    }

    private void Row(string frame, FrameDifference d) => console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{frame,5} {d.MaxAbs,12:0.000000} {d.MeanAbs,13:0.000000} {d.Psnr,11:0.00}"));

    private void Timing(string name, DeviceRun run, int frames) => console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-25} {run.LoadSeconds,9:0.00} {run.Seconds,13:0.00} {run.Seconds / frames,9:0.000}"));
}
