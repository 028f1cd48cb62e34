using System.Numerics;
using System.Runtime.InteropServices;
using Tdm.Engine.Video;

namespace Tdm.Engine.Imaging;

/// <summary>
/// Input frames holding NaN or infinite samples (an EXR from a renderer that divided by zero) are refused, naming
/// the frame and the count: every network mixes each pixel into its neighbours', so a single NaN turns every output
/// sample NaN, and SW-CFA carries it into the neighbouring frames too. Replacing the values would be a guess about
/// what they should have been; the user's tools (a "remove NaN" node) make that choice visibly.
/// </summary>
internal static class NonFinitePixels
{
    private const uint ExponentMask = 0x7F800000;
    private const uint AbsMask = 0x7FFFFFFF;

    /// <summary>How many samples of <paramref name="frame"/> are NaN or infinite, and the first one's sample index.</summary>
    public static (long Count, int First) Count(Frame frame)
    {
        var bits = MemoryMarshal.Cast<float, uint>(frame.Pixels.AsSpan());
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // abs(bits) >= 0x7F800000 exactly when the exponent is all ones: infinity or NaN.
            var limit = new Vector<uint>(ExponentMask - 1);
            var mask = new Vector<uint>(AbsMask);
            var vectors = MemoryMarshal.Cast<uint, Vector<uint>>(bits);
            int v = 0;
            while (v < vectors.Length && !Vector.GreaterThanAny(vectors[v] & mask, limit))
                v++;
            i = v * Vector<uint>.Count;
        }
        long count = 0;
        int first = -1;
        for (; i < bits.Length; i++)
        {
            if ((bits[i] & ExponentMask) == ExponentMask)
            {
                if (first < 0)
                    first = i;
                count++;
            }
        }
        return (count, first);
    }

    /// <summary>Throws an <see cref="TdmErrorKind.Input"/> error naming the frame (as <paramref name="clip"/> names
    /// it), the number of non-finite samples and the first one's pixel and channel.</summary>
    public static void ThrowIfAny(Frame frame, IClip clip, int index)
    {
        var (count, first) = Count(frame);
        if (count == 0)
            return;
        int pixel = first / 4;
        float value = frame.Pixels[first];
        throw new TdmException(TdmErrorKind.Input,
            $"{clip.FrameName(index)} has {count} non-finite sample(s) (NaN or infinity; the first is {value} in {"RGBA"[first % 4]} at x {pixel % frame.Width}, y {pixel / frame.Width}): " +
            "one such value would make every restored pixel NaN, so TDM refuses the frame; replace them in the source (e.g. a remove-NaN node) and render again");
    }
}
