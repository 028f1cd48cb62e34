using System.Buffers.Binary;
using System.Text;

namespace Tdm.Engine.Graphs;

/// <summary>
/// Protocol-buffer wire encoding, just what ONNX's ModelProto needs: varints, 64-bit integers, floats, strings and
/// nested messages (written into their own buffer, then length-prefixed).
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    private enum WireType { Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5 }

    public void Int64(int field, long value)
    {
        Tag(field, WireType.Varint);
        Varint((ulong)value);
    }

    public void Float(int field, float value)
    {
        Tag(field, WireType.Fixed32);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, value);
        _buffer.Write(b);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, WireType.LengthDelimited);
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>Repeated int64 as a packed field (proto3's default for scalars).</summary>
    public void PackedInt64(int field, IEnumerable<long> values)
    {
        var inner = new ProtoWriter();
        foreach (long v in values)
            inner.Varint((ulong)v);
        Bytes(field, inner.ToArray());
    }

    /// <summary>Repeated float as a packed field.</summary>
    public void PackedFloat(int field, IEnumerable<float> values)
    {
        var inner = new MemoryStream();
        Span<byte> b = stackalloc byte[4];
        foreach (float v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(b, v);
            inner.Write(b);
        }
        Bytes(field, inner.ToArray());
    }

    public void Message(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        Bytes(field, inner.ToArray());
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, WireType type) => Varint(((ulong)field << 3) | (ulong)type);

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
