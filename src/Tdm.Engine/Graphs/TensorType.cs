namespace Tdm.Engine.Graphs;

/// <summary>ONNX TensorProto.DataType values we use (the numbers are the ONNX enum's).</summary>
internal enum TensorType
{
    Float = 1,
    UInt8 = 2,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    BFloat16 = 16,
}

/// <summary>Sizes of <see cref="TensorType"/> elements.</summary>
internal static class TensorTypes
{
    public static int Size(this TensorType t) => t switch
    {
        TensorType.UInt8 or TensorType.Bool => 1,
        TensorType.Float16 or TensorType.BFloat16 => 2,
        TensorType.Float or TensorType.Int32 => 4,
        _ => 8,
    };
}

/// <summary>A dimension of a graph input or output: a fixed size or a symbolic name ("batch", "height").</summary>
internal readonly record struct Dim(long Size, string? Symbol)
{
    public static implicit operator Dim(long size) => new(size, null);

    public static implicit operator Dim(string symbol) => new(-1, symbol);
}

/// <summary>A tensor in a graph under construction: the name of a graph input, initializer or node output.</summary>
internal readonly record struct Value(string Name)
{
    public override string ToString() => Name;
}
