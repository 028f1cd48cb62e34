using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tdm.Cli.CommandLine;
using Tdm.Cli.Commands;
using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Metrics;
using Tdm.Engine.Models.Synthetic;
using Tdm.Evaluation.Warping;

namespace Tdm.Cli.Bench;

/// <summary>
/// 'tdm bench temporal': the paper's Table 2 as a command. One moving, noisy clip (<see cref="MovingClip"/>) is
/// restored as one chunk with SW-CFA, first-frame reference and plain attention, and each result is scored against
/// the input with the warping error (flow on the input, Lai et al. 2018), the flicker index and the time taken.
/// </summary>
internal sealed class BenchTemporalCommand(CliConsole console) : ICommand
{
    private static readonly (TemporalMode Mode, string Name)[] s_modes =
        [(TemporalMode.SwCfa, "SW-CFA"), (TemporalMode.FirstFrame, "first frame"), (TemporalMode.Off, "plain attention")];

    /// <inheritdoc/>
    public string? Group => "bench";

    /// <inheritdoc/>
    public Command Create()
    {
        var architecture = BenchModels.Architecture();
        var model = BenchModels.Model();
        var frames = CliOptions.Int("--frames", "N", "frames in the clip, all in one chunk", 16, 2, 256);
        var size = BenchModels.Size("frame size, processed as it is", "896x512 for sd15, 256x128 for tiny");
        var radius = CliOptions.Int("--radius", "N", "the SW-CFA window radius", 3, 1, 64);
        var inversionSteps = BenchModels.InversionSteps();
        var steps = BenchModels.SamplingSteps();
        var device = BenchModels.Device();
        var deviceIndex = BenchModels.DeviceIndex();
        var threads = BenchModels.Threads();
        var cache = BenchModels.CacheDirectory("compiled graphs and synthesized models");
        var command = new DocumentedCommand(
            "temporal",
            "Restores one moving clip with SW-CFA, first-frame reference and plain attention: warping error, flicker, time.",
            "tdm bench temporal [--arch tiny|sd15] [--frames N] [--size WxH] [--radius N] [--device auto|cuda|cpu] [options]",
            "The clip pans 2 px right and 1 px down per frame under fresh noise every frame. The warping error (x1000) "
                + "uses the flow of the input, so the three modes are scored on one flow; the input's own figure is the "
                + "noise's flicker. A benchmark, not a test: on a synthesized model the weights are random and restore "
                + "nothing, but how strongly each mode ties frames together is the mechanism's. " + ExitCodes.Help)
        {
            architecture, model, frames, size, radius, inversionSteps, steps, device, deviceIndex, threads, cache,
        };
        command.SetAction((result, cancel) =>
        {
            var arch = result.GetValue(architecture);
            var count = result.GetValue(frames);
            var (width, height) = result.GetValue(size) ?? (arch == SyntheticArchitecture.Sd15 ? (896, 512) : (256, 128));
            var options = BenchModels.Engine(result, device, deviceIndex, threads, cache);
            var settings = BenchModels.ClipSettings(result.GetValue(inversionSteps), result.GetValue(steps), count, width, height)
                with { Radius = result.GetValue(radius) };
            var folder = result.GetValue(model) ?? BenchModels.Synthesized(arch, options, console);
            return Task.FromResult(Run(folder, count, width, height, options, settings, cancel));
        });
        return command;
    }

    private int Run(string model, int frames, int width, int height, EngineOptions options, RestoreSettings settings, CancellationToken cancel)
    {
        var inv = CultureInfo.InvariantCulture;
        var paths = new ModelPaths(model);
        var clip = new MovingClip(frames, width, height);
        var input = Enumerable.Range(0, frames).Select(clip.ReadFrame).ToList();
        using var engine = new TdmEngine(options);
        engine.LoadModel(paths);
        console.Out.WriteLine($"tdm bench temporal: {Path.GetFullPath(model)}");
        console.Out.WriteLine(string.Create(inv, $"  {frames} frames of {width}x{height} panning ({MovingClip.Dx}, {MovingClip.Dy}) px/frame, noise ±{MovingClip.Noise}; one chunk; {settings.InversionSteps} inversion + {settings.SamplingSteps} sampling steps"));
        console.Out.WriteLine($"  device: {engine.DeviceDescription}{(engine.DeviceNote is { } note ? $" ({note})" : "")}");
        // Warm-up: first runs allocate arenas and pick kernels.
        engine.Restore(paths, clip, 0, frames - 1, settings with { InversionSteps = 1, SamplingSteps = 1 }, (_, _) => { }, null, cancel);

        console.Out.WriteLine();
        console.Out.WriteLine("                      WE x1000    flicker    s/frame    total s");
        console.Out.WriteLine(string.Create(inv, $"{"input (no restore)",-20} {WarpingError(input, input),10:0.0000} {0.0,10:0.000000} {"-",10} {"-",10}"));
        foreach (var (mode, name) in s_modes)
        {
            var restored = new Frame[frames];
            var timer = Stopwatch.StartNew();
            engine.Restore(paths, clip, 0, frames - 1, settings with { Temporal = mode }, (i, f) => restored[i] = f, null, cancel);
            var seconds = timer.Elapsed.TotalSeconds;
            var label = mode == TemporalMode.SwCfa ? string.Create(inv, $"{name} (r={settings.Radius})") : name;
            console.Out.WriteLine(string.Create(inv,
                $"{label,-20} {WarpingError(restored, input),10:0.0000} {FrameMetrics.FlickerIndex(restored, input),10:0.000000} {seconds / frames,10:0.000} {seconds,10:0.00}"));
        }
        return ExitCodes.Ok;
    }

    private static double WarpingError(IReadOnlyList<Frame> restored, IReadOnlyList<Frame> reference)
    {
        var meter = new WarpingErrorMeter();
        for (int t = 0; t + 1 < restored.Count; t++)
            meter.Add(restored[t], restored[t + 1], reference[t], reference[t + 1]);
        return meter.Value ?? 0;
    }
}
