namespace Tdm.Engine.Checkpoints;

/// <summary>
/// One tensor for <see cref="SafetensorsWriter"/>: its header entry and a callback that writes exactly
/// <see cref="ByteLength"/> bytes of little-endian data when the writer reaches it, so a 3.4 GB file never has to be
/// held in memory.
/// </summary>
/// <param name="Name">The tensor's name in the header.</param>
/// <param name="DType">The stored element type.</param>
/// <param name="Shape">The shape (empty for a scalar).</param>
/// <param name="WriteData">Writes the tensor's bytes to the given stream; called once, in file order.</param>
internal sealed record SafetensorsWriterEntry(string Name, SafetensorsDType DType, long[] Shape, Action<Stream> WriteData)
{
    private const int ChunkElements = 1 << 16;

    /// <summary>Number of elements.</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (long d in Shape)
                n = checked(n * d);
            return n;
        }
    }

    /// <summary>Bytes of data the callback must write.</summary>
    public long ByteLength => checked(ElementCount * DType.Size());

    /// <summary>An entry over float32 values stored as <paramref name="storeAs"/> (F32, F16 or BF16, rounded to
    /// nearest even). The array is read when the writer reaches the entry, in chunks.</summary>
    public static SafetensorsWriterEntry FromSingles(string name, long[] shape, float[] values,
        SafetensorsDType storeAs = SafetensorsDType.F32)
    {
        if (!storeAs.IsWeightFloat())
            throw new ArgumentOutOfRangeException(nameof(storeAs), storeAs, "float32 values can be stored as F32, F16 or BF16 only");
        return new SafetensorsWriterEntry(name, storeAs, shape, stream =>
        {
            var buffer = new byte[ChunkElements * storeAs.Size()];
            for (int start = 0; start < values.Length; start += ChunkElements)
            {
                int n = Math.Min(ChunkElements, values.Length - start);
                var bytes = buffer.AsSpan(0, n * storeAs.Size());
                WeightConversion.FromSingle(values.AsSpan(start, n), storeAs, bytes);
                stream.Write(bytes);
            }
        });
    }

    /// <summary>An entry over bytes already encoded as <paramref name="dtype"/>.</summary>
    public static SafetensorsWriterEntry FromBytes(string name, SafetensorsDType dtype, long[] shape, ReadOnlyMemory<byte> bytes) =>
        new(name, dtype, shape, stream => stream.Write(bytes.Span));
}
