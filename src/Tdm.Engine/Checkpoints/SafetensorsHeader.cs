using System.Buffers.Binary;
using System.Text.Json;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// Parses and checks a safetensors header the way the reference implementation does: the 8-byte length fits the
/// file and the 100 MB limit, the header is a JSON object starting with '{' of {dtype, shape, data_offsets} entries
/// plus an optional "__metadata__" map of strings, each tensor's byte length matches its shape, and the tensors,
/// sorted by offset, tile the data section exactly. Only the header bytes are read.
/// </summary>
internal static class SafetensorsHeader
{
    /// <summary>The parsed header.</summary>
    public readonly record struct Result(long DataStart, Dictionary<string, SafetensorsTensor> Tensors, Dictionary<string, string> Metadata);

    /// <summary>Parses the header at the start of <paramref name="file"/> (at least the first 8 bytes; the header
    /// bytes when the length fits) of a file of <paramref name="fileLength"/> bytes.</summary>
    public static Result Parse(string path, ReadOnlySpan<byte> file, long fileLength)
    {
        if (fileLength < 8 || file.Length < 8)
            throw new CheckpointException(path, $"{path}: {fileLength} bytes is too short for a safetensors file (the 8-byte header length is missing; empty or truncated download?)");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > SafetensorsFile.MaxHeaderLength)
            throw new CheckpointException(path, $"{path}: header length {headerLength} exceeds the {SafetensorsFile.MaxHeaderLength}-byte limit (not a safetensors file?)");
        if (8 + (long)headerLength > fileLength)
            throw new CheckpointException(path, $"{path}: header length {headerLength} runs past the end of the {fileLength}-byte file (truncated download?)");
        long dataStart = 8 + (long)headerLength;
        long dataLength = fileLength - dataStart;
        var header = file.Slice(8, (int)headerLength);

        // JsonDocument checks UTF-8 only when a string is read; the reference refuses the whole header up front.
        if (!System.Text.Unicode.Utf8.IsValid(header))
            throw new CheckpointException(path, $"{path}: the {headerLength}-byte header is not valid UTF-8, so not valid JSON; the file is corrupt or not a safetensors file");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header.ToArray());
        }
        catch (JsonException e)
        {
            throw new CheckpointException(path, $"{path}: the {headerLength}-byte header is not valid JSON ({e.Message}); the file is corrupt or not a safetensors file", null, e);
        }
        if (JsonText.FindUndecodableString(header) is { } bad)
        {
            doc.Dispose();
            throw new CheckpointException(path, $"{path}: in the header, {JsonText.Describe(bad, 8)}; the reference implementation refuses it too (corrupt file?)", bad.Field);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new CheckpointException(path, $"{path}: the header must be a JSON object of tensors, got {doc.RootElement.ValueKind}");
            if (header[0] != (byte)'{')
                throw new CheckpointException(path, $"{path}: the header must start with '{{' (the reference implementation refuses leading whitespace), got byte 0x{header[0]:X2}");
            var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            bool sawMetadata = false;
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    if (sawMetadata)
                        throw new CheckpointException(path, $"{path}: the header has two __metadata__ entries");
                    sawMetadata = true;
                    ReadMetadata(path, entry.Value, metadata);
                    continue;
                }
                var tensor = ReadTensor(path, entry.Name, entry.Value, dataStart, dataLength);
                if (!tensors.TryAdd(entry.Name, tensor))
                    throw Bad(path, entry.Name, "appears twice in the header");
            }
            CheckCoverage(path, tensors.Values, dataLength);
            return new Result(dataStart, tensors, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return; // the reference reads the map as optional
        if (value.ValueKind != JsonValueKind.Object)
            throw new CheckpointException(path, $"{path}: __metadata__ must be an object of strings, got {value.ValueKind}");
        foreach (var m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
                throw new CheckpointException(path, $"{path}: __metadata__ entry '{m.Name}' is {m.Value.ValueKind}, the format allows only strings");
            metadata[m.Name] = m.Value.GetString()!;
        }
    }

    private static SafetensorsTensor ReadTensor(string path, string name, JsonElement value, long dataStart, long dataLength)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad(path, name, $"is {value.ValueKind}, not an object with dtype, shape and data_offsets");
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in value.EnumerateObject())
        {
            if (p.Name is not ("dtype" or "shape" or "data_offsets"))
                throw Bad(path, name, $"has an unexpected field '{p.Name}' (a tensor entry has dtype, shape and data_offsets)");
            // JsonElement lookups take the last of repeated fields; the reference refuses the entry (serde's derive).
            if (!fields.Add(p.Name))
                throw Bad(path, name, $"has the field '{p.Name}' twice (the reference implementation refuses duplicate fields)");
        }

        var dtype = ReadDType(path, name, value);
        var shape = ReadShape(path, name, value);
        var (begin, end) = ReadOffsets(path, name, value);
        if (end > dataLength)
            throw Bad(path, name, $"data_offsets [{begin}, {end}] run past the {dataLength}-byte data section (truncated file?)");
        long expected;
        try
        {
            long elements = 1;
            foreach (var d in shape)
                elements = checked(elements * d);
            expected = checked(elements * dtype.Size());
        }
        catch (OverflowException)
        {
            throw Bad(path, name, $"shape [{string.Join(",", shape)}] is too large");
        }
        if (expected != end - begin)
            throw Bad(path, name, $"shape [{string.Join(",", shape)}] of {dtype.HeaderName()} needs {expected} bytes but data_offsets [{begin}, {end}] hold {end - begin}");
        return new SafetensorsTensor(name, dtype, shape, begin, end, dataStart + begin);
    }

    private static SafetensorsDType ReadDType(string path, string name, JsonElement value)
    {
        if (!value.TryGetProperty("dtype", out var element) || element.ValueKind != JsonValueKind.String)
            throw Bad(path, name, "has no dtype string");
        string text = element.GetString()!;
        if (SafetensorsDTypes.TryParse(text, out var dtype))
            return dtype;
        if (text is "F4" or "F6_E2M3" or "F6_E3M2")
            throw Bad(path, name, $"uses the sub-byte dtype {text}, which TDM does not read (weights must be F32, F16 or BF16)");
        throw Bad(path, name, $"has unknown dtype \"{text}\" (known: BOOL, U8, I8, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64, F8_E4M3, F8_E5M2, F8_E8M0)");
    }

    private static long[] ReadShape(string path, string name, JsonElement value)
    {
        if (!value.TryGetProperty("shape", out var element) || element.ValueKind != JsonValueKind.Array)
            throw Bad(path, name, "has no shape array");
        var shape = new long[element.GetArrayLength()];
        int i = 0;
        foreach (var d in element.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out shape[i]) || shape[i] < 0)
                throw Bad(path, name, $"has an invalid shape {element.GetRawText()} (dimensions are non-negative integers)");
            i++;
        }
        return shape;
    }

    private static (long Begin, long End) ReadOffsets(string path, string name, JsonElement value)
    {
        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw Bad(path, name, "has no [begin, end] data_offsets");
        var b = offsets[0];
        var e = offsets[1];
        if (b.ValueKind != JsonValueKind.Number || e.ValueKind != JsonValueKind.Number
            || !b.TryGetInt64(out long begin) || !e.TryGetInt64(out long end) || begin < 0 || end < begin)
            throw Bad(path, name, $"has invalid data_offsets {offsets.GetRawText()} (two integers, 0 <= begin <= end)");
        return (begin, end);
    }

    // The reference implementation requires the tensors, sorted by offset, to tile the data section exactly.
    private static void CheckCoverage(string path, IEnumerable<SafetensorsTensor> tensors, long dataLength)
    {
        long cursor = 0;
        SafetensorsTensor? previous = null;
        foreach (var t in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            if (t.Begin < cursor)
                throw Bad(path, t.Name, $"data [{t.Begin}, {t.End}) overlaps tensor '{previous!.Name}' [{previous.Begin}, {previous.End})");
            if (t.Begin > cursor)
                throw Bad(path, t.Name, $"data starts at {t.Begin}, leaving a hole of {t.Begin - cursor} bytes after byte {cursor} of the data section" +
                    (previous == null ? "" : $" (after tensor '{previous.Name}')"));
            cursor = t.End;
            previous = t;
        }
        if (cursor != dataLength)
            throw new CheckpointException(path,
                $"{path}: the tensors cover {cursor} bytes but the data section has {dataLength}" +
                (previous == null ? "" : $" ({dataLength - cursor} bytes after the last tensor '{previous.Name}')") +
                ": trailing bytes or a corrupt header", previous?.Name);
    }

    private static CheckpointException Bad(string path, string name, string what) =>
        new(path, $"{path}: tensor '{name}' {what}", name);
}
