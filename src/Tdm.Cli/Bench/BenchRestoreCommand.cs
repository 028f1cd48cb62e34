using System.Diagnostics;
using System.Globalization;
using Tdm.Cli.Arguments;
using Tdm.Cli.Commands;
using Tdm.Cli.Media;
using Tdm.Engine;
using Tdm.Engine.Checkpoints;
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
    public CommandSpec Spec { get; } = new(
        "bench restore",
        "tdm bench restore [--arch tiny|sd15] [--frames N] [--size WxH] [--device auto|cuda|cpu] [options]",
        "Measures seconds per frame (VAE, inversion, sampling), SW-CFA against plain attention, and peak memory.",
        [
            new("--arch", "ARCH", "tiny or sd15: the random-weight model to synthesize (kept in the cache folder) (default tiny)"),
            new("--model", "DIR", "measure this model folder instead of a synthesized one"),
            new("--frames", "N", "frames in the clip, all in one chunk (default 16)"),
            new("--size", "WxH", "frame size, processed as it is (default 896x512 for sd15, 256x128 for tiny)"),
            new("--inversion-steps", "N", "DDIM inversion steps (default 10)"),
            new("--steps", "N", "DDIM sampling steps (default 32)"),
            new("--device", "DEVICE", "auto, cuda or cpu (default auto)"),
            new("--device-index", "N", "which CUDA device (default 0)"),
            new("--threads", "N", "CPU threads per operator (default: one per core)"),
            new("--cache-dir", "DIR", "compiled graphs and synthesized models (default: the engine's cache folder)"),
            new("--rounds", "N", "rounds of both modes, alternating which goes first; each mode's fastest run is printed (default 2)"),
        ],
        Details: "A benchmark, not a test: the figures depend on the machine. The two modes alternate, so neither "
            + "always runs first on a warming or busy machine. " + ExitCodes.Help);

    /// <inheritdoc/>
    public int Run(ParsedArguments args, CancellationToken cancel)
    {
        var architecture = args.Choice("--arch", SyntheticArchitecture.Tiny, BenchModels.Architectures);
        var frames = args.Int("--frames", 16, 1, 256);
        var rounds = args.Int("--rounds", 2, 1, 20);
        var (width, height) = BenchModels.ParseSize(args.String("--size") ?? (architecture == SyntheticArchitecture.Sd15 ? "896x512" : "256x128"));
        var options = new EngineOptions
        {
            Device = args.Choice("--device", DeviceKind.Auto, BenchModels.Devices),
            DeviceIndex = args.Int("--device-index", 0, 0, 64),
            IntraOpThreads = args.Int("--threads", 0, 0, 1024),
            CacheDirectory = args.NonEmpty("--cache-dir"),
            ResultCacheBytes = 0, // every run computes
        };
        var settings = new RestoreSettings
        {
            Task = RestorationTask.Denoise,
            InversionSteps = args.Int("--inversion-steps", 10, 1, 1000),
            SamplingSteps = args.Int("--steps", 32, 1, 1000),
            ChunkLength = frames,
            Handles = 0,
            ShortSide = Math.Clamp(Math.Min(width, height), 64, 4096),
        }.Validate();
        var model = args.NonEmpty("--model") ?? BenchModels.Synthesized(architecture, options, console);
        var processed = ProcessingSize.For(width, height, settings.Scale, settings.ShortSide);

        using var engine = new TdmEngine(options);
        var load = Stopwatch.StartNew();
        var restorer = engine.Restorer(new ModelPaths(model));
        var loadSeconds = load.Elapsed.TotalSeconds;
        var clip = new SyntheticClip(frames, width, height);

        var inv = CultureInfo.InvariantCulture;
        console.Out.WriteLine(string.Create(inv, $"tdm bench restore: {Path.GetFullPath(model)}"));
        console.Out.WriteLine(string.Create(inv, $"  {frames} frames of {width}x{height}, processed at {processed.Width}x{processed.Height}, {settings.InversionSteps} inversion + {settings.SamplingSteps} sampling steps, guidance {settings.Guidance}"));
        console.Out.WriteLine($"  device: {engine.DeviceDescription}{(engine.DeviceNote is { } note ? $" ({note})" : "")}");
        console.Out.WriteLine(string.Create(inv, $"  model load (graphs built, or taken from the cache): {loadSeconds:0.00} s"));

        // Warm-up: first runs allocate arenas and pick kernels; they are not what a long render sees.
        restorer.RestoreRange(clip, 0, frames - 1, settings with { InversionSteps = 1, SamplingSteps = 1 }, (_, _) => { }, null, cancel);
        // The modes alternate which goes first each round; each keeps its fastest run.
        var fastest = new Dictionary<TemporalMode, StageTimer>();
        for (int round = 0; round < rounds; round++)
            foreach (var mode in round % 2 == 0 ? new[] { TemporalMode.SwCfa, TemporalMode.Off } : [TemporalMode.Off, TemporalMode.SwCfa])
            {
                var run = Measure(restorer, clip, settings with { Temporal = mode }, cancel);
                if (!fastest.TryGetValue(mode, out var best) || run.Elapsed < best.Elapsed)
                    fastest[mode] = run;
            }
        var (swcfa, plain) = (fastest[TemporalMode.SwCfa], fastest[TemporalMode.Off]);

        console.Out.WriteLine();
        console.Out.WriteLine("                    s/frame       VAE   inversion   sampling    total s");
        Row(string.Create(inv, $"SW-CFA (r={settings.Radius})"), swcfa, frames);
        Row("plain attention", plain, frames);
        console.Out.WriteLine();
        console.Out.WriteLine(string.Create(inv, $"SW-CFA / plain attention time: {swcfa.Elapsed / plain.Elapsed:0.000}"));
        var resident = PeakMemory.ProcessPeakBytes();
        var gpu = engine.DeviceDescription.Contains("CUDA", StringComparison.OrdinalIgnoreCase) ? PeakMemory.GpuBytes(tools) : null;
        console.Out.WriteLine(string.Create(inv, $"peak memory: {Gib(resident)} resident (process){(gpu is null ? "" : $", {Gib(gpu)} on the GPU (nvidia-smi)")}"));
        return ExitCodes.Ok;
    }

    private static StageTimer Measure(VideoRestorer restorer, SyntheticClip clip, RestoreSettings settings, CancellationToken cancel)
    {
        var timer = new StageTimer();
        restorer.RestoreRange(clip, 0, clip.Length - 1, settings, (_, _) => { }, timer, cancel);
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
