using System.CommandLine;
using System.Globalization;
using Tdm.Cli.CommandLine;
using Tdm.Cli.Commands;
using Tdm.Engine;
using Tdm.Engine.Models;
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
    public string? Group => "bench";

    /// <inheritdoc/>
    public Command Create()
    {
        var architectures = CliOptions.Choice("--arch", "the random-weight models to measure", s_architectures, s_architectures[2].Value);
        var device = CliOptions.Choice("--device", "cpu, cuda or auto", BenchModels.Devices, DeviceKind.Cpu);
        var deviceIndex = BenchModels.DeviceIndex();
        var size = BenchModels.Size("image size of the forward passes", "256x128 for tiny, 256x256 for sd15 on the CPU, 896x512 on CUDA");
        var runs = CliOptions.Int("--runs", "N", "forward passes per network; the median is printed", 3, 1, 100);
        var threads = BenchModels.Threads();
        var cache = BenchModels.CacheDirectory("synthesized models and the graph cache");
        var command = new DocumentedCommand(
            "graphs",
            "Measures, per network, graph build time, first and cached load time, and forward-pass time.",
            "tdm bench graphs [--arch tiny|sd15|all] [--device cpu|cuda|auto] [--size WxH] [--runs N]",
            "A benchmark, not a test: the figures depend on the machine. U-Net and ControlNet run a batch of 2 (one "
                + "guidance pair), the VAE and the text encoder a batch of 1. " + ExitCodes.Help)
        {
            architectures, device, deviceIndex, size, runs, threads, cache,
        };
        command.SetAction((result, cancel) => Task.FromResult(Run(result.GetValue(architectures)!, result.GetValue(size), result.GetValue(runs),
            new EngineOptions
            {
                Device = result.GetValue(device),
                DeviceIndex = result.GetValue(deviceIndex),
                IntraOpThreads = result.GetValue(threads),
                CacheDirectory = result.GetValue(cache),
            }, cancel)));
        return command;
    }

    private int Run(SyntheticArchitecture[] architectures, (int Width, int Height)? size, int runs, EngineOptions options, CancellationToken cancel)
    {
        bool header = false;
        foreach (var architecture in architectures)
        {
            string model = BenchModels.Synthesized(architecture, options, console);
            bool cuda = options.Device == DeviceKind.Cuda;
            var (width, height) = size ?? (cuda ? (896, 512) : architecture == SyntheticArchitecture.Sd15 ? (256, 256) : (256, 128));
            if (width % 64 != 0 || height % 64 != 0)
                throw new UsageException($"--size must be multiples of 64 (the networks' downsampling), got {width}x{height}");
            // A fresh graph cache per run, so the first load really builds.
            string cache = Path.Combine(options.ResolvedCacheDirectory, "bench-graphs", Guid.NewGuid().ToString("N"));
            var rows = new List<NetworkTiming>();
            var device = NetworkBenchmark.Run(model, options, width, height, runs, cache, rows.Add, cancel);
            if (!header)
            {
                console.Out.WriteLine($"tdm bench graphs on {device}, median of {runs}");
                console.Out.WriteLine($"{"model",-5} {"network",-13} {"parameters",13} {"input",-22} {"build (ms)",10} {"first load (s)",14} {"cached load (s)",15} {"forward (ms)",12}");
                header = true;
            }
            foreach (var r in rows)
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(architecture == SyntheticArchitecture.Sd15 ? "sd15" : "tiny"),-5} {r.Network,-13} {r.Parameters,13:N0} {r.Input,-22} {r.BuildSeconds * 1000,10:0.0} {r.FirstLoadSeconds,14:0.000} {r.CachedLoadSeconds,15:0.000} {r.ForwardSeconds * 1000,12:0.0}"));
        }
        return ExitCodes.Ok;
    }
}
