using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tdm.Engine.Imaging;

/// <summary>
/// High-quality separable resizing of <see cref="Frame"/>s: a horizontal then a vertical pass of a windowed kernel
/// whose support widens by the scale factor when shrinking (so downscaling averages instead of aliasing).
/// </summary>
/// <remarks>
/// Transparency: colours are resampled premultiplied by alpha and divided back afterwards, so the colour of
/// fully transparent pixels never bleeds into visible ones. Frames that are fully opaque skip that round trip and
/// keep alpha exactly 1. Colours are not clamped (Lanczos rings slightly past [0, 1] at hard edges, and values
/// above 1 are legitimate in float footage); alpha is clamped to [0, 1].
/// </remarks>
internal static class Resampler
{
    // Below this alpha a resampled pixel counts as fully transparent: dividing by it would amplify rounding.
    private const float TransparentAlpha = 1e-6f;

    /// <summary>
    /// A new frame of <paramref name="width"/> x <paramref name="height"/> resampled from <paramref name="source"/>,
    /// which is not modified. The same size returns a copy.
    /// </summary>
    public static Frame Resize(Frame source, int width, int height, ResampleFilter filter = ResampleFilter.Lanczos3)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (width <= 0 || height <= 0)
            throw new TdmException(TdmErrorKind.BadArgument,
                $"cannot resize a {source.Width}x{source.Height} frame to {width}x{height}: both sizes must be positive");
        if (width == source.Width && height == source.Height)
            return source.Clone();

        bool opaque = IsOpaque(source.Pixels);
        float[] input = opaque ? source.Pixels : Premultiply(source.Pixels);

        // Two 1-D passes; a pass whose size is unchanged is skipped (its kernel would be exactly the identity).
        // Order by cost: the vertical pass runs on whole rows with wide vectors, the horizontal pass one RGBA pixel
        // (one 128-bit vector) at a time, so shrinking vertically first is usually cheaper when both shrink.
        int sw = source.Width, sh = source.Height;
        var wx = width != sw ? ResampleWeights.Create(sw, width, filter) : null;
        var wy = height != sh ? ResampleWeights.Create(sh, height, filter) : null;
        double tapsX = wx?.Stride ?? 0, tapsY = wy?.Stride ?? 0;
        double horizontalFirst = ((double)sh * width * tapsX) + ((double)height * width * tapsY * 0.5);
        double verticalFirst = ((double)height * sw * tapsY * 0.5) + ((double)height * width * tapsX);
        float[] output;
        if (verticalFirst < horizontalFirst)
            output = Horizontal(Vertical(input, sw, sh, wy), sw, height, wx);
        else
            output = Vertical(Horizontal(input, sw, sh, wx), width, sh, wy);
        if (ReferenceEquals(output, source.Pixels))
            output = (float[])output.Clone();

        if (opaque)
            SetAlphaOne(output);
        else
            Parallel.For(0, height, y => Unpremultiply(output.AsSpan(y * width * 4, width * 4)));
        return new Frame(width, height, output);
    }

    /// <summary>Resamples each row of a w x h RGBA image to the weights' size; returns the input when there are none.</summary>
    private static float[] Horizontal(float[] input, int w, int h, ResampleWeights? weights)
    {
        if (weights is null)
            return input;
        int outW = weights.Start.Length;
        var output = new float[(long)h * outW * 4];
        Parallel.For(0, h, y => HorizontalRow(input.AsSpan(y * w * 4, w * 4), output.AsSpan(y * outW * 4, outW * 4), weights));
        return output;
    }

    /// <summary>Resamples each column of a w x h RGBA image to the weights' size; returns the input when there are none.</summary>
    private static float[] Vertical(float[] input, int w, int h, ResampleWeights? weights)
    {
        if (weights is null)
            return input;
        int outH = weights.Start.Length;
        var output = new float[(long)outH * w * 4];
        Parallel.For(0, outH, y => VerticalRow(input, w * 4, output.AsSpan(y * w * 4, w * 4), weights, y));
        return output;
    }

    private static void HorizontalRow(ReadOnlySpan<float> src, Span<float> dst, ResampleWeights w)
    {
        ref float s = ref MemoryMarshal.GetReference(src);
        for (int x = 0; x < w.Start.Length; x++)
        {
            // One RGBA pixel is exactly one 128-bit vector: the four channels are weighted at once.
            var acc = Vector128<float>.Zero;
            int start = w.Start[x], count = w.Count[x], offset = x * w.Stride;
            for (int k = 0; k < count; k++)
                acc += Vector128.LoadUnsafe(ref s, (nuint)((start + k) * 4)) * w.Weights[offset + k];
            acc.StoreUnsafe(ref MemoryMarshal.GetReference(dst), (nuint)(x * 4));
        }
    }

    private static void VerticalRow(float[] src, int rowLength, Span<float> dst, ResampleWeights w, int y)
    {
        dst.Clear();
        int start = w.Start[y], count = w.Count[y], offset = y * w.Stride;
        for (int k = 0; k < count; k++)
            AddScaled(src.AsSpan((start + k) * rowLength, rowLength), w.Weights[offset + k], dst);
    }

    /// <summary>dst += src * weight, vectorised.</summary>
    private static void AddScaled(ReadOnlySpan<float> src, float weight, Span<float> dst)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vw = new Vector<float>(weight);
            var s = MemoryMarshal.Cast<float, Vector<float>>(src);
            var d = MemoryMarshal.Cast<float, Vector<float>>(dst);
            for (int v = 0; v < s.Length; v++)
                d[v] += s[v] * vw;
            i = s.Length * Vector<float>.Count;
        }
        for (; i < src.Length; i++)
            dst[i] += src[i] * weight;
    }

    private static bool IsOpaque(float[] pixels)
    {
        for (int i = 3; i < pixels.Length; i += 4)
            if (pixels[i] != 1f)
                return false;
        return true;
    }

    private static float[] Premultiply(float[] pixels)
    {
        var result = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i += 4)
        {
            float a = pixels[i + 3];
            result[i] = pixels[i] * a;
            result[i + 1] = pixels[i + 1] * a;
            result[i + 2] = pixels[i + 2] * a;
            result[i + 3] = a;
        }
        return result;
    }

    private static void Unpremultiply(Span<float> row)
    {
        for (int i = 0; i < row.Length; i += 4)
        {
            float a = row[i + 3];
            if (a <= TransparentAlpha)
            {
                row.Slice(i, 4).Clear();
                continue;
            }
            float inv = 1f / a;
            row[i] *= inv;
            row[i + 1] *= inv;
            row[i + 2] *= inv;
            row[i + 3] = Math.Min(a, 1f);
        }
    }

    private static void SetAlphaOne(float[] pixels)
    {
        for (int i = 3; i < pixels.Length; i += 4)
            pixels[i] = 1f;
    }
}
