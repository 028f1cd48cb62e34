using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// Writes .safetensors files the reference implementation accepts: the 8-byte header length, a JSON header
/// ("__metadata__" first, then the tensors in the order given) padded with spaces so the data section starts at a
/// multiple of 8, then each tensor's bytes back to back. Data is streamed from each entry's callback, never held
/// whole. The file appears under its name only when complete (written beside it, then renamed).
/// </summary>
internal static class SafetensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> and optional <paramref name="metadata"/> to
    /// <paramref name="path"/>, replacing any file there.</summary>
    /// <exception cref="ArgumentException">A name is repeated or reserved, or a callback wrote the wrong number of
    /// bytes (the partial file is removed).</exception>
    public static void Write(string path, IReadOnlyList<SafetensorsWriterEntry> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        byte[] header = BuildHeader(tensors, metadata);

        path = Path.GetFullPath(path);
        string partial = path + ".partial";
        try
        {
            using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Span<byte> length = stackalloc byte[8];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                file.Write(length);
                file.Write(header);
                foreach (var t in tensors)
                {
                    using var bounded = new BoundedWriteStream(file, t.ByteLength, t.Name);
                    t.WriteData(bounded);
                    bounded.ThrowIfIncomplete();
                }
            }
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private static byte[] BuildHeader(IReadOnlyList<SafetensorsWriterEntry> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var json = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps tensor names readable; the result is still valid JSON.
        using (var w = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata)
                    w.WriteString(k, v);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in tensors)
            {
                if (t.Name == "__metadata__")
                    throw new ArgumentException("'__metadata__' is reserved for the metadata map and cannot name a tensor", nameof(tensors));
                if (!names.Add(t.Name))
                    throw new ArgumentException($"tensor '{t.Name}' is given twice", nameof(tensors));
                foreach (long d in t.Shape)
                    if (d < 0)
                        throw new ArgumentException($"tensor '{t.Name}' has a negative dimension in [{string.Join(",", t.Shape)}]", nameof(tensors));
                long end = checked(offset + t.ByteLength);
                w.WriteStartObject(t.Name);
                w.WriteString("dtype", t.DType.HeaderName());
                w.WriteStartArray("shape");
                foreach (long d in t.Shape)
                    w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(end);
                w.WriteEndArray();
                w.WriteEndObject();
                offset = end;
            }
            w.WriteEndObject();
        }
        // Pad with spaces (valid JSON whitespace) so 8 + header length is a multiple of 8: tensors start aligned.
        int padded = (json.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        json.WrittenSpan.CopyTo(header);
        header.AsSpan(json.WrittenCount).Fill((byte)' ');
        if (header.LongLength > SafetensorsFile.MaxHeaderLength)
            throw new ArgumentException($"the header would be {header.Length} bytes, over the format's {SafetensorsFile.MaxHeaderLength}-byte limit", nameof(tensors));
        return header;
    }

    /// <summary>Passes writes through to the file and holds one tensor's callback to its byte count.</summary>
    private sealed class BoundedWriteStream(Stream inner, long expected, string name) : Stream
    {
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > expected)
                throw new ArgumentException($"the data callback of tensor '{name}' wrote more than its {expected} bytes");
            inner.Write(buffer);
            _written += buffer.Length;
        }

        public override void WriteByte(byte value) => Write([value]);

        public void ThrowIfIncomplete()
        {
            if (_written != expected)
                throw new ArgumentException($"the data callback of tensor '{name}' wrote {_written} bytes, its shape and dtype need {expected}");
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
