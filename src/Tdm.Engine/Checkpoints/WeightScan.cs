using System.Numerics;
using System.Runtime.InteropServices;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// Finds weights that cannot be right: NaN, infinities, and finite values beyond float16's range (|w| > 65504).
/// SD1.5-family checkpoints are routinely shipped in float16, so no trained weight lies outside that range, and the
/// CUDA path computes in float16, where such a value is infinite; either way every output sample would be NaN or
/// black. One pass over the tensor's bytes with integer compares on the bit patterns (vectorised; NaN included).
/// </summary>
internal static class WeightScan
{
    /// <summary>float16's largest finite value.</summary>
    public const float Limit = 65504f;

    // |x| bit patterns above these are NaN, infinite or beyond 65504.
    private const uint F32Limit = 0x477FE000;   // 65504f
    private const ushort F16Limit = 0x7BFF;     // 65504 in float16; 0x7C00 is +infinity
    private const ushort BF16Limit = 0x477F;    // 65280, the largest bfloat16 not above 65504

    /// <summary>What a scan found: how many values are out of range, the first one's element index and value.</summary>
    public readonly record struct Finding(long Count, long FirstIndex, float FirstValue);

    /// <summary>Scans <paramref name="tensor"/> of <paramref name="file"/> (F32, F16 or BF16; other dtypes: null).</summary>
    public static unsafe Finding? Scan(SafetensorsFile file, SafetensorsTensor tensor)
    {
        if (!tensor.DType.IsWeightFloat() || tensor.ByteLength == 0)
            return null;
        byte* start = file.DataPointer(tensor);
        long elements = tensor.ElementCount;
        const int Chunk = 1 << 26; // elements per span: spans stop at 2^31 bytes
        long count = 0, first = -1;
        float firstValue = 0;
        for (long offset = 0; offset < elements; offset += Chunk)
        {
            int n = (int)Math.Min(Chunk, elements - offset);
            byte* p = start + (offset * tensor.DType.Size());
            var (c, f, v) = tensor.DType == SafetensorsDType.F32
                ? Count(new ReadOnlySpan<uint>(p, n), F32Limit, 0x7FFFFFFFu, static b => BitConverter.UInt32BitsToSingle(b))
                : tensor.DType == SafetensorsDType.F16
                    ? Count(new ReadOnlySpan<ushort>(p, n), F16Limit, (ushort)0x7FFF, static b => (float)BitConverter.UInt16BitsToHalf(b))
                    : Count(new ReadOnlySpan<ushort>(p, n), BF16Limit, (ushort)0x7FFF, static b => BitConverter.UInt32BitsToSingle((uint)b << 16));
            if (c > 0 && first < 0)
            {
                first = offset + f;
                firstValue = v;
            }
            count += c;
        }
        return count == 0 ? null : new Finding(count, first, firstValue);
    }

    /// <summary>The sentence for a finding in tensor <paramref name="name"/>.</summary>
    public static string Describe(string name, Finding finding) =>
        FormattableString.Invariant($"{name} has {finding.Count} value(s) that are NaN, infinite or beyond float16's range ±{Limit} (the first, element {finding.FirstIndex}, is {finding.FirstValue}): the weights are corrupt");

    // The vector pass only answers "any?"; the exact count and the first index come from a scalar pass over the
    // (rare) spans that have one.
    private static (long Count, int First, float Value) Count<T>(ReadOnlySpan<T> bits, T limit, T absMask, Func<T, float> toFloat)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && bits.Length >= Vector<T>.Count)
        {
            var vLimit = new Vector<T>(limit);
            var vMask = new Vector<T>(absMask);
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(bits);
            bool any = false;
            foreach (var v in vectors)
            {
                if (Vector.GreaterThanAny(v & vMask, vLimit))
                {
                    any = true;
                    break;
                }
            }
            if (!any)
                i = vectors.Length * Vector<T>.Count;
        }
        long count = 0;
        int first = -1;
        for (; i < bits.Length; i++)
        {
            if ((bits[i] & absMask) > limit)
            {
                if (first < 0)
                    first = i;
                count++;
            }
        }
        return (count, first, first < 0 ? 0 : toFloat(bits[first]));
    }
}
