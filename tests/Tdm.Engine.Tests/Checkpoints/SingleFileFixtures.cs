using System.Text.Json;
using Tdm.Engine.Checkpoints;
using Tdm.Tests;

namespace Tdm.Engine.Tests.Checkpoints;

/// <summary>The golden single files, their key map, and rewritten copies of them for the tests.</summary>
internal static class SingleFileFixtures
{
    public static string Sd15 => Golden.Path("single_file", "sd15_tiny_single.safetensors");
    public static string ControlNet => Golden.Path("single_file", "controlnet_tiny_single.safetensors");
    public static string Tokenizer => Golden.Path("models", "tokenizer");

    /// <summary>The golden diffusers folder's configs: what the tiny single files need (heads, groups).</summary>
    public static SingleFileConfigs GoldenConfigs => SingleFileConfigs.FromFolder(Golden.Path("models"));

    public sealed record Entry(string Component, string DiffusersKey, string SingleFileKey, long[] DiffusersShape, long[] SingleFileShape);

    /// <summary>Every entry of single_file_keymap.json for <paramref name="file"/> (the file's name).</summary>
    public static List<Entry> KeyMap(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Golden.Path("single_file", "single_file_keymap.json")));
        return doc.RootElement.GetProperty(file).EnumerateArray().Select(e => new Entry(
            e.GetProperty("component").GetString()!,
            e.GetProperty("diffusers_key").GetString()!,
            e.GetProperty("single_file_key").GetString()!,
            e.GetProperty("diffusers_shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
            e.GetProperty("single_file_shape").EnumerateArray().Select(d => d.GetInt64()).ToArray())).ToList();
    }

    /// <summary>
    /// Writes a copy of <paramref name="source"/> to <paramref name="destination"/>, each tensor passed through
    /// <paramref name="rewrite"/> (return no entries to drop it, several to add); the default copies bytes as they are.
    /// </summary>
    public static string Rewrite(string source, string destination,
        Func<SafetensorsTensor, SafetensorsFile, IEnumerable<SafetensorsWriterEntry>?>? rewrite = null,
        IEnumerable<SafetensorsWriterEntry>? extra = null)
    {
        using var file = SafetensorsFile.Open(source);
        var entries = new List<SafetensorsWriterEntry>();
        foreach (var t in file.Tensors.Values.OrderBy(t => t.Begin))
            entries.AddRange(rewrite?.Invoke(t, file) ?? [Copy(t, file)]);
        entries.AddRange(extra ?? []);
        SafetensorsWriter.Write(destination, entries, new Dictionary<string, string>(file.Metadata));
        return destination;
    }

    /// <summary>The tensor's bytes unchanged, optionally renamed.</summary>
    public static SafetensorsWriterEntry Copy(SafetensorsTensor t, SafetensorsFile file, string? name = null) =>
        new(name ?? t.Name, t.DType, t.Shape, s => s.Write(file.GetBytes(t)));

    /// <summary>The tensor converted to <paramref name="dtype"/> (F16 or BF16).</summary>
    public static SafetensorsWriterEntry Convert(SafetensorsTensor t, SafetensorsFile file, SafetensorsDType dtype) =>
        t.DType == SafetensorsDType.F32 ? SafetensorsWriterEntry.FromSingles(t.Name, t.Shape, file.ReadSingles(t.Name), dtype) : Copy(t, file);

    /// <summary>A zero-filled F32 tensor.</summary>
    public static SafetensorsWriterEntry Zeros(string name, params long[] shape) =>
        SafetensorsWriterEntry.FromSingles(name, shape, new float[shape.Aggregate(1L, (a, d) => a * d)]);
}
