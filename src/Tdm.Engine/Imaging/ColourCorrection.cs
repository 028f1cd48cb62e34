using System.Numerics;
using System.Runtime.InteropServices;

namespace Tdm.Engine.Imaging;

/// <summary>
/// The colour fixes of <see cref="ColourFix"/>, as StableSR applies them after decoding: the restored frame keeps
/// its detail and takes its colours from the reference (the input frame resized to the same size).
/// </summary>
/// <remarks>
/// Colours of the result are clamped to [0, 1] (the decoder's range); alpha is the restored frame's. Sums run
/// in double per row and are reduced in row order, so results do not depend on thread scheduling.
/// </remarks>
internal static class ColourCorrection
{
    /// <summary>Levels of the wavelet decomposition: kernel dilations 1, 2, 4, 8, 16.</summary>
    public const int DefaultWaveletLevels = 5;

    // Added to the variance before the square root, as StableSR's AdaIN does: flat channels do not divide by zero.
    private const double VarianceEpsilon = 1e-5;

    /// <summary>
    /// Applies <paramref name="fix"/> to <paramref name="restored"/> against <paramref name="reference"/> (same
    /// size). Returns a new frame; <see cref="ColourFix.None"/> returns <paramref name="restored"/> itself.
    /// Neither input is modified.
    /// </summary>
    public static Frame Apply(ColourFix fix, Frame restored, Frame reference) => fix switch
    {
        ColourFix.None => restored,
        ColourFix.Wavelet => Wavelet(restored, reference),
        ColourFix.AdaIn => AdaIn(restored, reference),
        _ => throw new TdmException(TdmErrorKind.BadArgument, $"{(int)fix} is not a ColourFix value"),
    };

    /// <summary>
    /// Adaptive instance normalisation: each RGB channel of <paramref name="restored"/> is shifted and scaled so its
    /// mean and standard deviation equal the channel's in <paramref name="reference"/>. Returns a new frame.
    /// </summary>
    public static Frame AdaIn(Frame restored, Frame reference)
    {
        CheckSizes(restored, reference);
        var (rMean, rStd) = ChannelStatistics(restored);
        var (iMean, iStd) = ChannelStatistics(reference);
        Span<float> gain = stackalloc float[3];
        Span<float> bias = stackalloc float[3];
        for (int c = 0; c < 3; c++)
        {
            // (x - mean_r) / std_r * std_i + mean_i = x * gain + bias
            gain[c] = (float)(iStd[c] / rStd[c]);
            bias[c] = (float)(iMean[c] - (rMean[c] * iStd[c] / rStd[c]));
        }
        float g0 = gain[0], g1 = gain[1], g2 = gain[2], b0 = bias[0], b1 = bias[1], b2 = bias[2];
        var result = restored.Clone();
        float[] px = result.Pixels;
        int rowLength = result.Width * 4;
        Parallel.For(0, result.Height, y =>
        {
            var row = px.AsSpan(y * rowLength, rowLength);
            for (int i = 0; i < row.Length; i += 4)
            {
                row[i] = Math.Clamp((row[i] * g0) + b0, 0f, 1f);
                row[i + 1] = Math.Clamp((row[i + 1] * g1) + b1, 0f, 1f);
                row[i + 2] = Math.Clamp((row[i + 2] * g2) + b2, 0f, 1f);
            }
        });
        return result;
    }

    /// <summary>
    /// Wavelet colour fix: result = restored - low(restored) + low(reference), where low() is the coarsest band
    /// of an a-trous decomposition with the 3x3 binomial kernel [1 2 1]^T [1 2 1] / 16 at dilations 1, 2, 4, ...
    /// (<paramref name="levels"/> of them; edges replicated). The restored high frequencies are kept exactly.
    /// Returns a new frame.
    /// </summary>
    public static Frame Wavelet(Frame restored, Frame reference, int levels = DefaultWaveletLevels)
    {
        CheckSizes(restored, reference);
        if (levels < 1 || levels > 16)
            throw new TdmException(TdmErrorKind.BadArgument, $"wavelet levels {levels} must be between 1 and 16");
        int w = restored.Width, h = restored.Height;
        var result = restored.Clone();
        var lowRestored = new float[w * h];
        var lowReference = new float[w * h];
        var scratch = new float[w * h];
        for (int c = 0; c < 3; c++)
        {
            ExtractChannel(restored.Pixels, c, lowRestored);
            ExtractChannel(reference.Pixels, c, lowReference);
            for (int level = 0; level < levels; level++)
            {
                // The blur of the previous level's low band is this level's low band (a-trous: holes of 2^level).
                BinomialBlur(lowRestored, scratch, w, h, 1 << level);
                BinomialBlur(lowReference, scratch, w, h, 1 << level);
            }
            float[] px = result.Pixels;
            int channel = c;
            Parallel.For(0, h, y =>
            {
                for (int x = 0, i = y * w; x < w; x++, i++)
                {
                    int p = (i * 4) + channel;
                    px[p] = Math.Clamp(px[p] - lowRestored[i] + lowReference[i], 0f, 1f);
                }
            });
        }
        return result;
    }

    /// <summary>In-place separable [1 2 1]/4 blur with taps <paramref name="dilation"/> apart, edges replicated.</summary>
    private static void BinomialBlur(float[] plane, float[] scratch, int w, int h, int dilation)
    {
        Parallel.For(0, h, y =>
        {
            var src = plane.AsSpan(y * w, w);
            var dst = scratch.AsSpan(y * w, w);
            int d = Math.Min(dilation, w);
            int x = 0;
            for (; x < d; x++) // left edge: replicate column 0
                dst[x] = Tap(src[0], src[x], src[Math.Min(x + dilation, w - 1)]);
            if (Vector.IsHardwareAccelerated)
            {
                ref float s = ref MemoryMarshal.GetReference(src);
                ref float o = ref MemoryMarshal.GetReference(dst);
                for (; x + dilation + Vector<float>.Count <= w; x += Vector<float>.Count)
                {
                    var left = Vector.LoadUnsafe(ref s, (nuint)(x - dilation));
                    var mid = Vector.LoadUnsafe(ref s, (nuint)x);
                    var right = Vector.LoadUnsafe(ref s, (nuint)(x + dilation));
                    Vector.StoreUnsafe((Quarter * (left + right)) + (Half * mid), ref o, (nuint)x);
                }
            }
            for (; x < w; x++)
                dst[x] = Tap(src[Math.Max(x - dilation, 0)], src[x], src[Math.Min(x + dilation, w - 1)]);
        });
        Parallel.For(0, h, y =>
        {
            var up = MemoryMarshal.Cast<float, Vector<float>>(scratch.AsSpan(Math.Max(y - dilation, 0) * w, w));
            var mid = MemoryMarshal.Cast<float, Vector<float>>(scratch.AsSpan(y * w, w));
            var down = MemoryMarshal.Cast<float, Vector<float>>(scratch.AsSpan(Math.Min(y + dilation, h - 1) * w, w));
            var dst = MemoryMarshal.Cast<float, Vector<float>>(plane.AsSpan(y * w, w));
            for (int v = 0; v < dst.Length; v++)
                dst[v] = (Quarter * (up[v] + down[v])) + (Half * mid[v]);
            for (int x = dst.Length * Vector<float>.Count; x < w; x++)
                plane[(y * w) + x] = Tap(scratch[(Math.Max(y - dilation, 0) * w) + x], scratch[(y * w) + x],
                    scratch[(Math.Min(y + dilation, h - 1) * w) + x]);
        });
    }

    private static readonly Vector<float> Quarter = new(0.25f);
    private static readonly Vector<float> Half = new(0.5f);

    private static float Tap(float left, float mid, float right) => (0.25f * (left + right)) + (0.5f * mid);

    private static void ExtractChannel(float[] pixels, int channel, float[] plane) =>
        Parallel.For(0, plane.Length / 65536 + 1, block =>
        {
            int end = Math.Min(plane.Length, (block + 1) * 65536);
            for (int i = block * 65536; i < end; i++)
                plane[i] = pixels[(i * 4) + channel];
        });

    /// <summary>Per-channel mean and standard deviation (unbiased variance + epsilon, as StableSR's AdaIN).</summary>
    private static (double[] Mean, double[] Std) ChannelStatistics(Frame frame)
    {
        int w = frame.Width, h = frame.Height;
        var rowSums = new double[h * 6];
        float[] px = frame.Pixels;
        Parallel.For(0, h, y =>
        {
            double s0 = 0, s1 = 0, s2 = 0, q0 = 0, q1 = 0, q2 = 0;
            var row = px.AsSpan(y * w * 4, w * 4);
            for (int i = 0; i < row.Length; i += 4)
            {
                double r = row[i], g = row[i + 1], b = row[i + 2];
                s0 += r; s1 += g; s2 += b;
                q0 += r * r; q1 += g * g; q2 += b * b;
            }
            rowSums[y * 6] = s0; rowSums[(y * 6) + 1] = s1; rowSums[(y * 6) + 2] = s2;
            rowSums[(y * 6) + 3] = q0; rowSums[(y * 6) + 4] = q1; rowSums[(y * 6) + 5] = q2;
        });
        var mean = new double[3];
        var std = new double[3];
        double n = (double)w * h;
        for (int c = 0; c < 3; c++)
        {
            double s = 0, q = 0;
            for (int y = 0; y < h; y++)
            {
                s += rowSums[(y * 6) + c];
                q += rowSums[(y * 6) + 3 + c];
            }
            mean[c] = s / n;
            double variance = n > 1 ? Math.Max(0, (q - (s * s / n)) / (n - 1)) : 0;
            std[c] = Math.Sqrt(variance + VarianceEpsilon);
        }
        return (mean, std);
    }

    private static void CheckSizes(Frame restored, Frame reference)
    {
        ArgumentNullException.ThrowIfNull(restored);
        ArgumentNullException.ThrowIfNull(reference);
        if (restored.Width != reference.Width || restored.Height != reference.Height)
            throw new TdmException(TdmErrorKind.BadArgument,
                $"colour fix needs frames of one size: restored {restored.Width}x{restored.Height}, reference " +
                $"{reference.Width}x{reference.Height}; resize the reference first");
    }
}
