using System.CommandLine;
using System.Globalization;
using Tdm.Cli.CommandLine;
using Tdm.Engine;
using Tdm.Engine.Models.Synthetic;

namespace Tdm.Cli.Bench;

/// <summary>What the benchmark commands share: their synthesized models and the options they have in common.</summary>
internal static class BenchModels
{
    /// <summary>--arch's values.</summary>
    public static readonly KeyValuePair<string, SyntheticArchitecture>[] Architectures =
        [new("tiny", SyntheticArchitecture.Tiny), new("sd15", SyntheticArchitecture.Sd15)];

    /// <summary>--device's values.</summary>
    public static readonly KeyValuePair<string, DeviceKind>[] Devices =
        [new("auto", DeviceKind.Auto), new("cuda", DeviceKind.Cuda), new("cpu", DeviceKind.Cpu)];

    /// <summary>
    /// A random-weight model of <paramref name="architecture"/>, synthesized once (seed 0) into the cache folder and
    /// reused: SD1.5 size is over 5 GB to write. A marker written last makes an interrupted synthesis start over.
    /// </summary>
    public static string Synthesized(SyntheticArchitecture architecture, EngineOptions options, CliConsole console)
    {
        var folder = Path.Combine(options.ResolvedCacheDirectory, "bench-models", architecture == SyntheticArchitecture.Sd15 ? "sd15" : "tiny");
        var marker = Path.Combine(folder, ".complete");
        if (!File.Exists(marker))
        {
            console.Error.WriteLine($"tdm: synthesizing the benchmark model into {folder}");
            try
            {
                SyntheticModel.Write(folder, architecture, seed: 0, line => console.Error.WriteLine($"tdm: {line}"));
                File.WriteAllText(marker, "");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A cache folder that is a file or read-only is the output's problem (exit 7), as for restore.
                throw new TdmException(TdmErrorKind.Output,
                    $"cannot write the benchmark model into '{folder}': {e.Message}; choose a writable folder with --cache-dir or TDM_CACHE_DIR", e);
            }
        }
        return folder;
    }

    /// <summary>--size WxH; null when absent (the default depends on the model and device).</summary>
    public static Option<(int Width, int Height)?> Size(string help, string defaultText) =>
        CliOptions.Parsed("--size", "WxH", help, ParseSize, defaultText);

    /// <summary>--inversion-steps N.</summary>
    public static Option<int> InversionSteps() => CliOptions.Int("--inversion-steps", "N", "DDIM inversion steps", 10, 1, 1000);

    /// <summary>--steps N.</summary>
    public static Option<int> SamplingSteps() => CliOptions.Int("--steps", "N", "DDIM sampling steps", 32, 1, 1000);

    /// <summary>--arch: the random-weight model a benchmark synthesizes.</summary>
    public static Option<SyntheticArchitecture> Architecture() =>
        CliOptions.Choice("--arch", "the random-weight model to synthesize (kept in the cache folder)", Architectures, SyntheticArchitecture.Tiny);

    /// <summary>--model: a model folder measured instead of a synthesized one.</summary>
    public static Option<string?> Model() => CliOptions.Text("--model", "DIR", "measure this model folder instead of a synthesized one");

    /// <summary>--device: where a benchmark runs.</summary>
    public static Option<DeviceKind> Device() => CliOptions.Choice("--device", "auto, cuda or cpu", Devices, DeviceKind.Auto);

    /// <summary>--device-index N.</summary>
    public static Option<int> DeviceIndex() => CliOptions.Int("--device-index", "N", "which CUDA device", 0, 0, 64);

    /// <summary>--tile PX: the latent tile's side (the product's default unless a benchmark wants smaller tiles).</summary>
    public static Option<int> Tile(int? fallback = null) =>
        CliOptions.Int("--tile", "PX", "latent tile side in image pixels (multiple of 64)", fallback ?? new RestoreSettings().Tile, 64, 4096);

    /// <summary>--tile-overlap PX.</summary>
    public static Option<int> TileOverlap() =>
        CliOptions.Int("--tile-overlap", "PX", "least overlap of neighbouring tiles in image pixels", new RestoreSettings().TileOverlap, 0, 4032);

    /// <summary>--threads N.</summary>
    public static Option<int> Threads() => CliOptions.Int("--threads", "N", "CPU threads per operator", 0, 0, 1024, "0, one per core");

    /// <summary>--cache-dir DIR.</summary>
    public static Option<string?> CacheDirectory(string help) => CliOptions.Text("--cache-dir", "DIR", help, "the engine's cache folder");

    /// <summary>A benchmark's engine options from its device options; every run computes (no restored-chunk cache).</summary>
    public static EngineOptions Engine(ParseResult result, Option<DeviceKind> device, Option<int> deviceIndex, Option<int> threads,
        Option<string?> cache) => new()
    {
        Device = result.GetValue(device),
        DeviceIndex = result.GetValue(deviceIndex),
        IntraOpThreads = result.GetValue(threads),
        CacheDirectory = result.GetValue(cache),
        ResultCacheBytes = 0,
    };

    /// <summary>Parses WIDTHxHEIGHT.</summary>
    public static (int Width, int Height) ParseSize(string text)
    {
        var x = text.IndexOf('x', StringComparison.OrdinalIgnoreCase);
        if (x > 0 && int.TryParse(text.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(text.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var h) && w is >= 8 and <= 8192 && h is >= 8 and <= 8192)
            return (w, h);
        throw new UsageException($"--size must be WIDTHxHEIGHT with sides from 8 to 8192, such as 896x512; got '{text}'");
    }

    /// <summary>The benchmarks' settings: the whole synthetic clip as one chunk without handles, processed at its own
    /// size (at full resolution, in tiles; a clip whose short side is below 512 at that short side rather than
    /// enlarged, so small checks stay small), denoise with the given steps.</summary>
    public static RestoreSettings ClipSettings(int inversionSteps, int steps, int frames, int width, int height) => new RestoreSettings
    {
        Task = RestorationTask.Denoise,
        InversionSteps = inversionSteps,
        SamplingSteps = steps,
        ChunkLength = frames,
        Handles = 0,
        ShortSide = Math.Min(width, height) < 512 ? Math.Max(64, Math.Min(width, height)) : null,
    }.Validate();
}
