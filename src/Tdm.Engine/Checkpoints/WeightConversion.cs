using System.Runtime.InteropServices;

namespace Tdm.Engine.Checkpoints;

/// <summary>Element conversions between the float storage types a checkpoint may use.</summary>
internal static class WeightConversion
{
    /// <summary>Converts F32, F16 or BF16 bytes into <paramref name="destination"/>.</summary>
    public static void ToSingle(SafetensorsDType dtype, ReadOnlySpan<byte> source, Span<float> destination, string path, string name)
    {
        switch (dtype)
        {
            case SafetensorsDType.F32:
                MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
                break;
            case SafetensorsDType.F16:
                var halves = MemoryMarshal.Cast<byte, Half>(source);
                for (int i = 0; i < halves.Length; i++)
                    destination[i] = (float)halves[i];
                break;
            case SafetensorsDType.BF16:
                var raw = MemoryMarshal.Cast<byte, ushort>(source);
                for (int i = 0; i < raw.Length; i++)
                    destination[i] = BitConverter.Int32BitsToSingle(raw[i] << 16);
                break;
            default:
                throw new CheckpointException(path, $"{path}: tensor '{name}' is {dtype.HeaderName()}, not a floating-point weight (F32, F16 or BF16)", name);
        }
    }

    /// <summary>Converts F32, F16 or BF16 bytes into IEEE halves (round to nearest even).</summary>
    public static void ToHalf(SafetensorsDType dtype, ReadOnlySpan<byte> source, Span<Half> destination, string path, string name)
    {
        if (dtype == SafetensorsDType.F16)
        {
            MemoryMarshal.Cast<byte, Half>(source).CopyTo(destination);
            return;
        }
        var singles = new float[destination.Length];
        ToSingle(dtype, source, singles, path, name);
        for (int i = 0; i < singles.Length; i++)
            destination[i] = (Half)singles[i];
    }

    /// <summary>Encodes float32 values as <paramref name="dtype"/> (F32, F16 or BF16; round to nearest even)
    /// into <paramref name="destination"/>, which holds exactly <c>values.Length * dtype.Size()</c> bytes.</summary>
    public static void FromSingle(ReadOnlySpan<float> values, SafetensorsDType dtype, Span<byte> destination)
    {
        switch (dtype)
        {
            case SafetensorsDType.F32:
                MemoryMarshal.AsBytes(values).CopyTo(destination);
                break;
            case SafetensorsDType.F16:
                var halves = MemoryMarshal.Cast<byte, Half>(destination);
                for (int i = 0; i < values.Length; i++)
                    halves[i] = (Half)values[i];
                break;
            case SafetensorsDType.BF16:
                var raw = MemoryMarshal.Cast<byte, ushort>(destination);
                for (int i = 0; i < values.Length; i++)
                    raw[i] = ToBFloat16Bits(values[i]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "float32 values can be stored as F32, F16 or BF16 only");
        }
    }

    /// <summary>The bfloat16 nearest to <paramref name="value"/> (ties to even; NaN stays a quiet NaN).</summary>
    public static ushort ToBFloat16Bits(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
            return (ushort)((bits >> 16) | 0x0040);
        uint rounding = 0x7FFF + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }
}
