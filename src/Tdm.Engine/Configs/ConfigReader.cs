using System.Text.Json;

using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Configs;

/// <summary>
/// Typed reads from a config.json object with diffusers' conventions (a JSON null or a missing field means the
/// default; many list fields may also be a single number). Every error names the file and the field. AOT-safe:
/// JsonDocument only.
/// </summary>
internal sealed class ConfigReader
{
    private readonly JsonElement _root;

    private ConfigReader(string path, JsonElement root)
    {
        Path = path;
        _root = root;
    }

    /// <summary>The config file (or a description of where the text came from), for messages.</summary>
    public string Path { get; }

    /// <summary>The largest config file read: diffusers' configs are 1-2 KB; a bigger file is not a config.</summary>
    public const long MaxFileBytes = 1 << 20;

    private static readonly JsonDocumentOptions s_options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads <paramref name="path"/> and hands its root object to <paramref name="read"/>.</summary>
    public static T Load<T>(string path, Func<ConfigReader, T> read)
    {
        path = System.IO.Path.GetFullPath(path);
        if (RegularFile.Problem(path) is { } problem)
            throw new CheckpointException(path, RegularFile.Message(path, "the config", problem));
        if (!File.Exists(path))
            throw new CheckpointException(path, $"{path}: config file not found");
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
                throw new CheckpointException(path, $"{path}: {length} bytes is too large for a config.json (at most {MaxFileBytes}; diffusers writes 1-2 KB): not a config file");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"{path}: cannot be read ({e.Message})", null, e);
        }
        return Parse(bytes, path, read);
    }

    /// <summary>Parses JSON <paramref name="utf8"/> from <paramref name="source"/>.</summary>
    public static T Parse<T>(ReadOnlyMemory<byte> utf8, string source, Func<ConfigReader, T> read)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8, s_options);
        }
        catch (JsonException e)
        {
            throw new CheckpointException(source, $"{source}: is not valid JSON ({e.Message})", null, e);
        }
        if (JsonText.FindUndecodableString(utf8.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is { } bad)
        {
            doc.Dispose();
            throw new CheckpointException(source, $"{source}: {JsonText.Describe(bad)}; not a config diffusers could read either");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new CheckpointException(source, $"{source}: a config must be a JSON object, got {doc.RootElement.ValueKind}");
            return read(new ConfigReader(source, doc.RootElement));
        }
    }

    /// <summary>The nested object <paramref name="name"/> (e.g. a CLIPConfig's "text_config"), or null.</summary>
    public ConfigReader? Object(string name) =>
        Get(name) is { ValueKind: JsonValueKind.Object } e ? new ConfigReader(Path, e) : null;

    /// <summary>True when the field is present and not null.</summary>
    public bool Has(string name) => Get(name) is not null;

    public int Int(string name, int fallback) => NullableInt(name) ?? fallback;

    public int? NullableInt(string name) => Get(name) is { } e ? ToInt(name, e) : null;

    public double Double(string name, double fallback) => NullableDouble(name) ?? fallback;

    public double? NullableDouble(string name) => Get(name) is { } e ? ToDouble(name, e) : null;

    public bool Bool(string name, bool fallback) => Get(name) is { } e
        ? e.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => throw WrongType(name, "true or false", e) }
        : fallback;

    public string String(string name, string fallback) => NullableString(name) ?? fallback;

    public string? NullableString(string name) => Get(name) is { } e
        ? e.ValueKind == JsonValueKind.String ? e.GetString()! : throw WrongType(name, "a string", e)
        : null;

    /// <summary>A list of integers, or one integer read as a one-element list (diffusers' "int or tuple").</summary>
    public IReadOnlyList<int>? NullableIntList(string name)
    {
        if (Get(name) is not { } e)
            return null;
        if (e.ValueKind == JsonValueKind.Number)
            return [ToInt(name, e)];
        if (e.ValueKind != JsonValueKind.Array)
            throw WrongType(name, "an integer or a list of integers", e);
        return e.EnumerateArray().Select(x => ToInt(name, x)).ToArray();
    }

    public IReadOnlyList<int> IntList(string name, IReadOnlyList<int> fallback) => NullableIntList(name) ?? fallback;

    public IReadOnlyList<string> StringList(string name, IReadOnlyList<string> fallback)
    {
        if (Get(name) is not { } e)
            return fallback;
        if (e.ValueKind != JsonValueKind.Array || e.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            throw WrongType(name, "a list of strings", e);
        return e.EnumerateArray().Select(x => x.GetString()!).ToArray();
    }

    public IReadOnlyList<double>? NullableDoubleList(string name)
    {
        if (Get(name) is not { } e)
            return null;
        if (e.ValueKind != JsonValueKind.Array || e.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Number))
            throw WrongType(name, "a list of numbers", e);
        return e.EnumerateArray().Select(x => ToDouble(name, x)).ToArray();
    }

    /// <summary>Refuses a field we do not model unless it is absent, null, or <paramref name="accepted"/>
    /// (compared as JSON text: "false", "1", "\"silu\""); <paramref name="meaning"/> says what a other value is.</summary>
    public void RequireDefault(string name, string meaning, params string[] accepted)
    {
        if (Get(name) is not { } e)
            return;
        string raw = e.ValueKind == JsonValueKind.Number ? Canonical(e) : e.GetRawText();
        if (accepted.Contains(raw))
            return;
        // Lists of booleans (only_cross_attention) are accepted when every entry is accepted.
        if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0 && e.EnumerateArray().All(x => accepted.Contains(x.GetRawText())))
            return;
        string supported = accepted.Length == 0 ? "null" : string.Join(" or ", accepted);
        throw new CheckpointException(Path, $"{Path}: {name} is {raw} ({meaning}); TDM supports {supported}");
    }

    /// <summary>The error for a value TDM does not support: names the source, the field, the value, what is
    /// supported and, optionally, what the value means ("SD 2.x-style ...").</summary>
    public static CheckpointException Unsupported(string source, string field, object? value, string supported, string? meaning = null) =>
        new(source, $"{source}: {field} is {Show(value)}{(meaning == null ? "" : $" ({meaning})")}; TDM supports {supported}");

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s when s.StartsWith('"') || s.StartsWith('[') || s.StartsWith('{') => s,
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        IEnumerable<int> list => "[" + string.Join(", ", list) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    private JsonElement? Get(string name) =>
        _root.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? e : null;

    private int ToInt(string name, JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            if (e.TryGetInt32(out int i))
                return i;
            // Python writes 2.0 for an int that passed through a float; accept exact integers only.
            if (e.TryGetDouble(out double d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
                return (int)d;
        }
        throw WrongType(name, "an integer", e);
    }

    // 1e400 parses to infinity: no config value is infinite, and nothing downstream (the writer, the graphs) takes it.
    private double ToDouble(string name, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Number)
            throw WrongType(name, "a number", e);
        if (!e.TryGetDouble(out double d) || !double.IsFinite(d))
            throw new CheckpointException(Path, $"{Path}: {name} is {e.GetRawText()}, which is not a finite number (it overflows a double)");
        return d;
    }

    private static string Canonical(JsonElement e) =>
        e.TryGetInt64(out long l) ? l.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : e.TryGetDouble(out double d) && d == Math.Floor(d) && Math.Abs(d) < 1e15 ? ((long)d).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : e.GetRawText();

    private CheckpointException WrongType(string name, string expected, JsonElement e) =>
        new(Path, $"{Path}: {name} must be {expected}, got {e.GetRawText()}");
}
