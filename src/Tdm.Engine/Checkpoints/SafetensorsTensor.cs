namespace Tdm.Engine.Checkpoints;

/// <summary>One tensor's header entry. <see cref="Begin"/> and <see cref="End"/> are relative to the data section,
/// as in the file; <see cref="FileOffset"/> is absolute.</summary>
internal sealed record SafetensorsTensor(string Name, SafetensorsDType DType, long[] Shape, long Begin, long End, long FileOffset)
{
    /// <summary>Number of elements (1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);

    /// <summary>Bytes of data.</summary>
    public long ByteLength => End - Begin;

    /// <summary>The shape as "[a,b,c]" for messages.</summary>
    public string ShapeText => "[" + string.Join(",", Shape) + "]";
}
