using System.Globalization;
using Tdm.Cli.Arguments;
using Tdm.Engine;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Models.Synthetic;

namespace Tdm.Cli.Bench;

/// <summary>What the benchmark commands share: their synthesized models and the --size argument.</summary>
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
            SyntheticModel.Write(folder, architecture, seed: 0, line => console.Error.WriteLine($"tdm: {line}"));
            File.WriteAllText(marker, "");
        }
        return folder;
    }

    /// <summary>Parses WIDTHxHEIGHT.</summary>
    public static (int Width, int Height) ParseSize(string text)
    {
        var x = text.IndexOf('x', StringComparison.OrdinalIgnoreCase);
        if (x > 0 && int.TryParse(text.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(text.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var h) && w is >= 8 and <= 8192 && h is >= 8 and <= 8192)
            return (w, h);
        throw new UsageException($"--size must be WIDTHxHEIGHT with sides from 8 to 8192, such as 896x512; got '{text}'");
    }
}
