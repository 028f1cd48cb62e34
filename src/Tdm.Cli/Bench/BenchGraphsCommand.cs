using System.Globalization;
using Tdm.Cli.Arguments;
using Tdm.Cli.Commands;
using Tdm.Engine;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Runtime;
using Tdm.Engine.Models.Synthetic;

namespace Tdm.Cli.Bench;

/// <summary>
/// 'tdm bench graphs': per network of a synthesized model (tiny, SD1.5 size or both), the time to build its graph,
/// its first load (build, place or convert weights, compile), its load from the graph cache, and one forward pass
/// (median of several) with every input already on the device.
/// </summary>
internal sealed class BenchGraphsCommand(CliConsole console) : ICommand
{
    private static readonly KeyValuePair<string, SyntheticArchitecture[]>[] s_architectures =
        [new("tiny", [SyntheticArchitecture.Tiny]), new("sd15", [SyntheticArchitecture.Sd15]), new("all", [SyntheticArchitecture.Tiny, SyntheticArchitecture.Sd15])];

    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new(
        "bench graphs",
        "tdm bench graphs [--arch tiny|sd15|all] [--device cpu|cuda|auto] [--size WxH] [--runs N]",
        "Measures, per network, graph build time, first and cached load time, and forward-pass time.",
        [
            new("--arch", "ARCH", "tiny, sd15 or all: the random-weight models to measure (default all)"),
            new("--device", "DEVICE", "cpu, cuda or auto (default cpu)"),
            new("--device-index", "N", "which CUDA device (default 0)"),
            new("--size", "WxH", "image size of the forward passes (default 256x128 for tiny, 256x256 for sd15 on the CPU, 896x512 on CUDA)"),
            new("--runs", "N", "forward passes per network; the median is printed (default 3)"),
            new("--threads", "N", "CPU threads per operator (default: one per core)"),
            new("--cache-dir", "DIR", "synthesized models and the graph cache (default: the engine's cache folder)"),
        ],
        Details: "A benchmark, not a test: the figures depend on the machine. U-Net and ControlNet run a batch of 2 (one "
            + "guidance pair), the VAE and the text encoder a batch of 1. " + ExitCodes.Help);

    /// <inheritdoc/>
    public int Run(ParsedArguments args, CancellationToken cancel)
    {
        var architectures = args.Choice("--arch", s_architectures[2].Value, s_architectures);
        var kind = args.Choice("--device", DeviceKind.Cpu, BenchModels.Devices);
        int runs = args.Int("--runs", 3, 1, 100);
        var options = new EngineOptions
        {
            Device = kind,
            DeviceIndex = args.Int("--device-index", 0, 0, 64),
            IntraOpThreads = args.Int("--threads", 0, 0, 1024),
            CacheDirectory = args.NonEmpty("--cache-dir"),
        };
        var (device, note) = DeviceSelection.Resolve(options.Device, options.DeviceIndex, options.IntraOpThreads, options.CudaLibraryPath);
        console.Out.WriteLine($"tdm bench graphs on {device.Description}{(note is null ? "" : $" ({note})")}, {device.ComputeType}, median of {runs}");
        console.Out.WriteLine($"{"model",-5} {"network",-13} {"parameters",13} {"input",-22} {"build (ms)",10} {"first load (s)",14} {"cached load (s)",15} {"forward (ms)",12}");
        foreach (var architecture in architectures)
        {
            string model = BenchModels.Synthesized(architecture, options, console);
            var size = args.String("--size") ?? (device.IsCuda ? "896x512" : architecture == SyntheticArchitecture.Sd15 ? "256x256" : "256x128");
            var (width, height) = BenchModels.ParseSize(size);
            if (width % 64 != 0 || height % 64 != 0)
                throw new UsageException($"--size must be multiples of 64 (the networks' downsampling), got {width}x{height}");
            // A fresh graph cache per run, so the first load really builds.
            string cache = Path.Combine(options.ResolvedCacheDirectory, "bench-graphs", Guid.NewGuid().ToString("N"));
            try
            {
                foreach (var network in GraphBenchmark.Networks(ModelSource.Open(model), width, height))
                {
                    cancel.ThrowIfCancellationRequested();
                    var r = GraphBenchmark.Measure(network, device, cache, runs, cancel);
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{(architecture == SyntheticArchitecture.Sd15 ? "sd15" : "tiny"),-5} {network.Name,-13} {network.Parameters,13:N0} {network.InputText,-22} {r.Build * 1000,10:0.0} {r.FirstLoad,14:0.000} {r.CachedLoad,15:0.000} {r.Forward * 1000,12:0.0}"));
                }
            }
            finally
            {
                if (Directory.Exists(cache))
                    Directory.Delete(cache, recursive: true);
            }
        }
        return ExitCodes.Ok;
    }
}
