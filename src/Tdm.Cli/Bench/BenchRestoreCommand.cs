using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tdm.Cli.CommandLine;
using Tdm.Cli.Commands;
using Tdm.Cli.Media;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;
using Tdm.Engine.Models.Synthetic;

namespace Tdm.Cli.Bench;

/// <summary>
/// 'tdm bench restore': seconds per frame of the whole method on a synthesized model (tiny or full SD1.5 size) and
/// an in-memory clip, split into VAE, inversion and sampling, for SW-CFA and for plain attention, with peak memory.
/// One chunk holds every frame (as in the paper's 15-frame figure); a short warm-up run comes first.
/// </summary>
internal sealed class BenchRestoreCommand(CliConsole console, FfmpegTools tools) : ICommand
{
    /// <inheritdoc/>
    public string? Group => "bench";

    /// <inheritdoc/>
    public Command Create()
    {
        var architecture = BenchModels.Architecture();
        var model = BenchModels.Model();
        var frames = CliOptions.Int("--frames", "N", "frames in the clip, all in one chunk", 16, 1, 256);
        var size = BenchModels.Size("frame size, processed as it is", "896x512 for sd15, 256x128 for tiny");
        var inversionSteps = BenchModels.InversionSteps();
        var steps = BenchModels.SamplingSteps();
        var device = BenchModels.Device();
        var deviceIndex = BenchModels.DeviceIndex();
        var threads = BenchModels.Threads();
        var cache = BenchModels.CacheDirectory("compiled graphs and synthesized models");
        var tile = BenchModels.Tile();
        var overlap = BenchModels.TileOverlap();
        var rounds = CliOptions.Int("--rounds", "N", "rounds of both modes, alternating which goes first; each mode's fastest run is printed", 2, 1, 20);
        var swCfaOnly = CliOptions.Flag("--sw-cfa-only", "measure SW-CFA alone, without plain attention beside it (halves a long run)");
        var command = new DocumentedCommand(
            "restore",
            "Measures seconds per frame (VAE, inversion, sampling), SW-CFA against plain attention, and peak memory.",
            "tdm bench restore [--arch tiny|sd15] [--frames N] [--size WxH] [--device auto|cuda|cpu] [options]",
            "A benchmark, not a test: the figures depend on the machine. The two modes alternate, so neither "
                + "always runs first on a warming or busy machine. " + ExitCodes.Help)
        {
            architecture, model, frames, size, inversionSteps, steps, device, deviceIndex, threads, cache, tile, overlap, rounds, swCfaOnly,
        };
        command.SetAction((result, cancel) =>
        {
            var arch = result.GetValue(architecture);
            var count = result.GetValue(frames);
            var (width, height) = result.GetValue(size) ?? (arch == SyntheticArchitecture.Sd15 ? (896, 512) : (256, 128));
            var options = BenchModels.Engine(result, device, deviceIndex, threads, cache);
            var settings = BenchModels.ClipSettings(result.GetValue(inversionSteps), result.GetValue(steps), count, width, height)
                with { Tile = result.GetValue(tile), TileOverlap = result.GetValue(overlap) };
            settings.Validate();
            var folder = result.GetValue(model) ?? BenchModels.Synthesized(arch, options, console);
            var modes = result.GetValue(swCfaOnly) ? new[] { TemporalMode.SwCfa } : [TemporalMode.SwCfa, TemporalMode.Off];
            return Task.FromResult(Run(folder, count, width, height, result.GetValue(rounds), modes, options, settings, cancel));
        });
        return command;
    }

    private int Run(string model, int frames, int width, int height, int rounds, TemporalMode[] modes, EngineOptions options, RestoreSettings settings,
        CancellationToken cancel)
    {
        var processed = TdmEngine.PlanOf(width, height, settings);
        var paths = new ModelPaths(model);

        using var engine = new TdmEngine(options);
        var load = Stopwatch.StartNew();
        engine.LoadModel(paths);
        var loadSeconds = load.Elapsed.TotalSeconds;
        var clip = new SyntheticClip(frames, width, height);

        var inv = CultureInfo.InvariantCulture;
        console.Out.WriteLine(string.Create(inv, $"tdm bench restore: {Path.GetFullPath(model)}"));
        console.Out.WriteLine(string.Create(inv, $"  {frames} frames of {width}x{height}, processed at {processed.Width}x{processed.Height} in {processed.Tiles.Count} tile(s) of {settings.Tile} px (overlap {settings.TileOverlap}), {settings.InversionSteps} inversion + {settings.SamplingSteps} sampling steps, guidance {settings.Guidance}"));
        console.Out.WriteLine($"  device: {engine.DeviceDescription}{(engine.DeviceNote is { } note ? $" ({note})" : "")}");
        console.Out.WriteLine(string.Create(inv, $"  model load (graphs built, or taken from the cache): {loadSeconds:0.00} s"));

        long? baseline = Environment.WorkingSet;
        using var heaps = new MemorySampler(TimeSpan.FromMilliseconds(5));
        // Warm-up: first runs allocate arenas and pick kernels; they are not what a long render sees.
        engine.Restore(paths, clip, 0, frames - 1, settings with { InversionSteps = 1, SamplingSteps = 1 }, (_, _) => { }, null, cancel);
        // The modes alternate which goes first each round; each keeps its fastest run.
        var fastest = new Dictionary<TemporalMode, StageTimer>();
        for (int round = 0; round < rounds; round++)
            foreach (var mode in round % 2 == 0 ? modes : modes.Reverse())
            {
                var run = Measure(engine, paths, clip, settings with { Temporal = mode }, cancel);
                if (!fastest.TryGetValue(mode, out var best) || run.Elapsed < best.Elapsed)
                    fastest[mode] = run;
            }
        var swcfa = fastest[TemporalMode.SwCfa];
        var plain = fastest.GetValueOrDefault(TemporalMode.Off);

        console.Out.WriteLine();
        console.Out.WriteLine("                    s/frame       VAE   inversion   sampling    total s");
        Row(string.Create(inv, $"SW-CFA (r={settings.Radius})"), swcfa, frames);
        if (plain is not null)
        {
            Row("plain attention", plain, frames);
            console.Out.WriteLine();
            console.Out.WriteLine(string.Create(inv, $"SW-CFA / plain attention time: {swcfa.Elapsed / plain.Elapsed:0.000}"));
        }
        else
            console.Out.WriteLine();
        // Per megapixel of the frame, split: the diffusion's share grows with the steps, the VAE's does not (and its
        // exact whole-frame attention is the one part whose cost per pixel grows with the frame).
        double perMegapixel = frames * width * (double)height / 1e6;
        console.Out.WriteLine(string.Create(inv, $"seconds per megapixel (SW-CFA): {swcfa.Elapsed / perMegapixel:0.000} (VAE {(swcfa.Of("encode") + swcfa.Of("decode")) / perMegapixel:0.000}, inversion {swcfa.Of("invert") / perMegapixel:0.000}, sampling {swcfa.Of("sample") / perMegapixel:0.000}); tiles per frame: {processed.Tiles.Count}"));
        // The engine's tile batch after the runs: below the engine's default (CUDA: every tile; the CPU: one) only when an
        // out-of-memory error halved it.
        int tiles = processed.Tiles.Count, batch = Math.Min(engine.TileBatch ?? tiles, tiles);
        console.Out.WriteLine(string.Create(inv, $"tile batch: {batch} of the frame's {tiles} tile(s) a network evaluation"));
        // Two heaps, two kinds of memory: the managed heap holds the clip's frames (input and restored, RGBA float) and
        // the engine's frame-sized host arrays, of which the VAE's activations between GroupNorms are most (they grow
        // with the frame); ONNX Runtime's native heap on the CPU is the networks' working memory, which tiles bound.
        heaps.Dispose();
        long frameBuffers = 2L * frames * width * height * 4 * sizeof(float);
        long vaeActivations = engine.PeakVaeActivationBytes;
        var resident = PeakMemory.ProcessPeakBytes();
        long? working = heaps.NativePeak - heaps.NativeBaseline;
        console.Out.WriteLine(string.Create(inv, $"memory: host frame memory (managed heap peak) {Gib(heaps.ManagedPeak)}, of which clip frame buffers {Gib(frameBuffers)} and VAE frame arrays, mostly activations between GroupNorms {Gib(vaeActivations)}"));
        // On CUDA the networks' memory is the GPU's; the native heap then holds what ONNX Runtime stages on the host.
        bool cuda = engine.DeviceDescription.Contains("CUDA", StringComparison.OrdinalIgnoreCase);
        var gpu = cuda ? PeakMemory.GpuBytes(tools) : null;
        var native = string.Create(inv, $"native heap peak {Gib(heaps.NativePeak)} less the {Gib(heaps.NativeBaseline)} in use before the first restore");
        console.Out.WriteLine(cuda
            ? string.Create(inv, $"working memory of the networks: {Gib(gpu)} on the GPU (nvidia-smi); on the host {Gib(working)} ({native})")
            : string.Create(inv, $"working memory of the networks: {Gib(working)} ({native}; ONNX Runtime's allocations on the CPU)"));
        console.Out.WriteLine(string.Create(inv, $"peak memory: {Gib(resident)} resident (process, {Gib(baseline)} before the first restore){(gpu is null ? "" : $", {Gib(gpu)} on the GPU (nvidia-smi)")}"));
        return ExitCodes.Ok;
    }

    private static StageTimer Measure(TdmEngine engine, ModelPaths model, SyntheticClip clip, RestoreSettings settings, CancellationToken cancel)
    {
        var timer = new StageTimer();
        engine.Restore(model, clip, 0, clip.Length - 1, settings, (_, _) => { }, timer, cancel);
        timer.Stop();
        return timer;
    }

    private void Row(string name, StageTimer timer, int frames)
    {
        double PerFrame(double seconds) => seconds / frames;
        var vae = timer.Of("encode") + timer.Of("decode");
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-18} {PerFrame(timer.Elapsed),9:0.000} {PerFrame(vae),9:0.000} {PerFrame(timer.Of("invert")),11:0.000} {PerFrame(timer.Of("sample")),10:0.000} {timer.Elapsed,10:0.00}"));
    }

    private static string Gib(long? bytes) => bytes is { } b ? (b / (double)(1L << 30)).ToString("0.00 'GiB'", CultureInfo.InvariantCulture) : "n/a";
}
