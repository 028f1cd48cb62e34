using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Tdm.Engine.Checkpoints;

/// <summary>Parses and checks a safetensors header the way the reference implementation does.</summary>
internal static class SafetensorsHeader
{
    public static (long DataStart, Dictionary<string, SafetensorsTensor> Tensors, Dictionary<string, string> Metadata)
        Parse(string path, ReadOnlySpan<byte> file, long fileLength)
    {
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > SafetensorsFile.MaxHeaderLength)
            throw new CheckpointException(path, $"{path}: header length {headerLength} exceeds the {SafetensorsFile.MaxHeaderLength}-byte limit (not a safetensors file?)");
        if (8 + (long)headerLength > fileLength)
            throw new CheckpointException(path, $"{path}: header length {headerLength} runs past the end of the {fileLength}-byte file (truncated download?)");
        long dataStart = 8 + (long)headerLength;
        long dataLength = fileLength - dataStart;

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(file.Slice(8, (int)headerLength).ToArray());
        }
        catch (JsonException e)
        {
            throw new CheckpointException(path, $"{path}: the header is not valid JSON ({e.Message})", null, e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new CheckpointException(path, $"{path}: the header must be a JSON object, got {doc.RootElement.ValueKind}");
            var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    ReadMetadata(path, entry.Value, metadata);
                    continue;
                }
                tensors.Add(entry.Name, ReadTensor(path, entry.Name, entry.Value, dataStart, dataLength));
            }
            CheckCoverage(path, tensors.Values, dataLength);
            return (dataStart, tensors, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new CheckpointException(path, $"{path}: __metadata__ must be an object of strings");
        foreach (var m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
                throw new CheckpointException(path, $"{path}: __metadata__ entry '{m.Name}' is not a string");
            metadata[m.Name] = m.Value.GetString()!;
        }
    }

    private static SafetensorsTensor ReadTensor(string path, string name, JsonElement value, long dataStart, long dataLength)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad(path, name, "entry is not an object with dtype, shape and data_offsets");
        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Bad(path, name, "has no dtype");
        if (!Enum.TryParse<SafetensorsDType>(dtypeElement.GetString(), ignoreCase: false, out var dtype) || !Enum.IsDefined(dtype))
            throw Bad(path, name, $"has unknown dtype '{dtypeElement.GetString()}'");
        if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw Bad(path, name, "has no shape array");
        var shape = new long[shapeElement.GetArrayLength()];
        int i = 0;
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out shape[i]) || shape[i] < 0)
                throw Bad(path, name, $"has an invalid shape {shapeElement.GetRawText()}");
            i++;
        }
        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw Bad(path, name, "has no [begin, end] data_offsets");
        if (!offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw Bad(path, name, $"has invalid data_offsets {offsets.GetRawText()}");
        if (end > dataLength)
            throw Bad(path, name, $"data_offsets [{begin}, {end}] run past the {dataLength}-byte data section (truncated file?)");
        long elements = 1;
        try
        {
            foreach (var d in shape)
                elements = checked(elements * d);
            long expected = checked(elements * dtype.Size());
            if (expected != end - begin)
                throw Bad(path, name, $"shape [{string.Join(",", shape)}] of {dtype} needs {expected} bytes but data_offsets give {end - begin}");
        }
        catch (OverflowException)
        {
            throw Bad(path, name, $"shape [{string.Join(",", shape)}] is too large");
        }
        foreach (var p in value.EnumerateObject())
            if (p.Name is not ("dtype" or "shape" or "data_offsets"))
                throw Bad(path, name, $"has an unexpected field '{p.Name}'");
        return new SafetensorsTensor(name, dtype, shape, begin, end, dataStart + begin);
    }

    // The reference implementation requires the tensors, sorted by offset, to tile the data section exactly.
    private static void CheckCoverage(string path, IEnumerable<SafetensorsTensor> tensors, long dataLength)
    {
        long cursor = 0;
        SafetensorsTensor? previous = null;
        foreach (var t in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            if (t.Begin < cursor)
                throw Bad(path, t.Name, $"data [{t.Begin}, {t.End}) overlaps '{previous!.Name}' [{previous.Begin}, {previous.End})");
            if (t.Begin > cursor)
                throw Bad(path, t.Name, $"data starts at {t.Begin}, leaving a hole after byte {cursor} of the data section");
            cursor = t.End;
            previous = t;
        }
        if (cursor != dataLength)
            throw new CheckpointException(path, $"{path}: the tensors cover {cursor} bytes but the data section has {dataLength} (trailing bytes or a corrupt header)");
    }

    private static CheckpointException Bad(string path, string name, string what) =>
        new(path, $"{path}: tensor '{name}' {what}", name);

    internal static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
