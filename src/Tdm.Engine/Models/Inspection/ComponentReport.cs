using System.Globalization;
using System.Text;

using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Models.Inspection;

/// <summary>What <see cref="ModelInspector"/> found about one network.</summary>
/// <param name="Component">The network (<see cref="ComponentNames"/>).</param>
/// <param name="WeightsPath">Its weight file.</param>
/// <param name="FileBytes">The weight file's size (the whole file, shared in single files).</param>
/// <param name="ConfigSource">The config.json read, or how the config was obtained ("detected from the weights").</param>
/// <param name="KeyLayout">The file's naming ("diffusers", "LDM single file", ...).</param>
/// <param name="Architecture">Named architecture facts (channels, layers, heads, widths), in display order.</param>
/// <param name="ParameterCount">Elements of the network's weight tensors (ignored buffers excluded).</param>
/// <param name="TensorCount">The network's weight tensors.</param>
/// <param name="DTypes">Storage types of those tensors.</param>
/// <param name="CheckedTensors">How many (key, shape) expectations were checked.</param>
/// <param name="Problems">Missing and misshapen tensors, and anything else wrong.</param>
/// <param name="Unused">Tensors nothing uses; null when the complete key list was not available to judge.</param>
/// <param name="Ignored">Known non-weights skipped (position_ids, ...).</param>
internal sealed record ComponentReport(
    string Component,
    string WeightsPath,
    long FileBytes,
    string ConfigSource,
    string KeyLayout,
    IReadOnlyList<KeyValuePair<string, string>> Architecture,
    long ParameterCount,
    int TensorCount,
    IReadOnlyList<DTypeCount> DTypes,
    int CheckedTensors,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string>? Unused,
    IReadOnlyList<string> Ignored)
{
    /// <summary>Appends the indented text form to <paramref name="text"/>.</summary>
    public void Render(StringBuilder text)
    {
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"  {Component}\n");
        text.Append(inv, $"    weights:      {WeightsPath} ({FormatBytes(FileBytes)}, {KeyLayout} names)\n");
        text.Append(inv, $"    config:       {ConfigSource}\n");
        foreach (var (name, value) in Architecture)
            text.Append(inv, $"    {name + ":",-13} {value}\n");
        text.Append(inv, $"    parameters:   {ParameterCount.ToString("N0", inv)} in {TensorCount} tensors (")
            .Append(string.Join(", ", DTypes.Select(d => $"{d.DType.HeaderName()}: {d.Tensors}"))).Append(")\n");
        text.Append(inv, $"    checked:      {CheckedTensors} tensor shapes against the config, {(Problems.Count == 0 ? "all match" : $"{Problems.Count} problem(s)")}\n");
        foreach (string p in Problems)
            text.Append(inv, $"    PROBLEM:      {p}\n");
        if (Unused == null)
            text.Append("    unused:       not judged (the complete key list of the graph code is not wired in)\n");
        else
            text.Append(inv, $"    unused:       {(Unused.Count == 0 ? "none" : $"{Unused.Count}: {DiffusersFolder.Listing(Unused)}")}\n");
        if (Ignored.Count > 0)
            text.Append(inv, $"    ignored:      {Ignored.Count} non-weight tensor(s): {DiffusersFolder.Listing(Ignored)}\n");
    }

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.00} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} bytes",
    };
}
