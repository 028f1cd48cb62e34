using System.Buffers;
using System.Text;
using System.Text.Json;

using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Configs;

/// <summary>Builds config.json text the way diffusers writes it: keys sorted, two-space indent, a final newline.
/// AOT-safe: Utf8JsonWriter only.</summary>
internal sealed class ConfigWriter
{
    /// <summary>The diffusers version written into "_diffusers_version" (the release whose configs we mirror).</summary>
    public const string DiffusersVersion = "0.30.0";

    private readonly SortedDictionary<string, Action<Utf8JsonWriter>> _fields = new(StringComparer.Ordinal);

    public ConfigWriter Int(string name, int value) => Add(name, w => w.WriteNumberValue(value));

    public ConfigWriter Int(string name, int? value) => value is { } v ? Int(name, v) : Null(name);

    public ConfigWriter Double(string name, double value) => Add(name, w => w.WriteNumberValue(value));

    public ConfigWriter Bool(string name, bool value) => Add(name, w => w.WriteBooleanValue(value));

    public ConfigWriter String(string name, string? value) => value == null ? Null(name) : Add(name, w => w.WriteStringValue(value));

    public ConfigWriter Null(string name) => Add(name, w => w.WriteNullValue());

    public ConfigWriter Ints(string name, IReadOnlyList<int>? values) => values == null ? Null(name) : Add(name, w =>
    {
        w.WriteStartArray();
        foreach (int v in values)
            w.WriteNumberValue(v);
        w.WriteEndArray();
    });

    /// <summary>One number when the list has one entry (diffusers' "int or tuple" fields), else a list.</summary>
    public ConfigWriter IntOrInts(string name, IReadOnlyList<int>? values) =>
        values is { Count: 1 } ? Int(name, values[0]) : Ints(name, values);

    public ConfigWriter Doubles(string name, IReadOnlyList<double>? values) => values == null ? Null(name) : Add(name, w =>
    {
        w.WriteStartArray();
        foreach (double v in values)
            w.WriteNumberValue(v);
        w.WriteEndArray();
    });

    public ConfigWriter Strings(string name, IReadOnlyList<string> values) => Add(name, w =>
    {
        w.WriteStartArray();
        foreach (string v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    });

    public override string ToString()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            foreach (var (name, write) in _fields)
            {
                w.WritePropertyName(name);
                write(w);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private ConfigWriter Add(string name, Action<Utf8JsonWriter> write)
    {
        _fields[name] = write;
        return this;
    }
}
