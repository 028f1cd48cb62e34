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
                throw new CheckpointException(path, $"{path}: tensor '{name}' is {dtype}, not a floating-point weight", name);
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
}
