using Tdm.Engine.Imaging;

namespace Tdm.Engine.Metrics;

/// <summary>
/// How steady a restored clip is over time. <see cref="FlickerIndex"/> needs no optical flow: it compares the
/// frame-to-frame change of the output with that of the input, so motion present in the input costs nothing and
/// only change the restoration added (flicker) counts. <see cref="WarpingError"/> is the usual flow-based measure
/// (Lai et al. 2018) for callers that have a flow.
/// </summary>
internal static class TemporalConsistency
{
    /// <summary>
    /// Mean over consecutive pairs t, t+1 of the mean absolute RGB value of
    /// (output[t+1] - output[t]) - (input[t+1] - input[t]). 0 when the output changes exactly as the input does.
    /// Needs at least two frames per clip, all of one size.
    /// </summary>
    public static double FlickerIndex(IReadOnlyList<Frame> output, IReadOnlyList<Frame> input)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        if (output.Count != input.Count || output.Count < 2)
            throw new TdmException(TdmErrorKind.BadArgument,
                $"the flicker index compares clips of equal length (at least 2 frames), got {output.Count} output and {input.Count} input frames");
        for (int t = 0; t < output.Count; t++)
        {
            MetricFrames.CheckSameSize(output[t], input[t], $"the flicker index (frame {t})");
            MetricFrames.CheckSameSize(output[t], output[0], $"the flicker index (frame {t} against frame 0)");
        }
        double total = 0;
        for (int t = 0; t + 1 < output.Count; t++)
            total += PairFlicker(output[t].Pixels, output[t + 1].Pixels, input[t].Pixels, input[t + 1].Pixels, output[0].Width, output[0].Height);
        return total / (output.Count - 1);
    }

    /// <summary>
    /// Warping error: the mean over consecutive pairs of the mean squared RGB difference between output[t] and
    /// output[t+1] warped back to frame t along <paramref name="flows"/>[t]. A flow holds width*height*2 floats
    /// (dx, dy per pixel of frame t, row by row): pixel (x, y) of frame t shows at (x + dx, y + dy) in frame t+1,
    /// sampled bilinearly. Pixels whose target falls outside the frame are left out; <paramref name="masks"/>[t]
    /// (width*height weights, 1 = visible, 0 = occluded), when given, weighs the rest; a pair with no pixel left
    /// counts as 0.
    /// </summary>
    public static double WarpingError(IReadOnlyList<Frame> output, IReadOnlyList<float[]> flows, IReadOnlyList<float[]>? masks = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(flows);
        if (output.Count < 2 || flows.Count != output.Count - 1 || (masks is not null && masks.Count != flows.Count))
            throw new TdmException(TdmErrorKind.BadArgument,
                $"the warping error needs n >= 2 frames and n - 1 flows (and masks): got {output.Count} frames, " +
                $"{flows.Count} flows, {masks?.Count.ToString() ?? "no"} masks");
        int w = output[0].Width, h = output[0].Height;
        double total = 0;
        for (int t = 0; t + 1 < output.Count; t++)
        {
            MetricFrames.CheckSameSize(output[t + 1], output[0], $"the warping error (frame {t + 1} against frame 0)");
            if (flows[t].Length != 2 * w * h || (masks is not null && masks[t].Length != w * h))
                throw new TdmException(TdmErrorKind.BadArgument,
                    $"flow {t} has {flows[t].Length} floats (needs {2 * w * h})" +
                    (masks is null ? "" : $", mask {t} has {masks[t].Length} (needs {w * h})"));
            total += PairWarpingError(output[t], output[t + 1], flows[t], masks?[t]);
        }
        return total / (output.Count - 1);
    }

    private static double PairFlicker(float[] o0, float[] o1, float[] i0, float[] i1, int w, int h)
    {
        var rowSums = new double[h];
        Parallel.For(0, h, y =>
        {
            int start = y * w * 4, end = start + (w * 4);
            double sum = 0;
            for (int i = start; i < end; i += 4)
                for (int c = 0; c < 3; c++)
                    sum += Math.Abs((o1[i + c] - o0[i + c]) - (i1[i + c] - i0[i + c]));
            rowSums[y] = sum;
        });
        return MetricFrames.SumInOrder(rowSums) / (3.0 * w * h);
    }

    private static double PairWarpingError(Frame current, Frame next, float[] flow, float[]? mask)
    {
        int w = current.Width, h = current.Height;
        var errorSums = new double[h];
        var weightSums = new double[h];
        float[] cur = current.Pixels, nxt = next.Pixels;
        Parallel.For(0, h, y =>
        {
            double err = 0, weight = 0;
            for (int x = 0; x < w; x++)
            {
                int p = (y * w) + x;
                float tx = x + flow[2 * p], ty = y + flow[(2 * p) + 1];
                float m = mask is null ? 1f : mask[p];
                if (!(tx >= 0 && ty >= 0 && tx <= w - 1 && ty <= h - 1) || m <= 0)
                    continue;
                int x0 = Math.Min((int)tx, Math.Max(w - 2, 0)), y0 = Math.Min((int)ty, Math.Max(h - 2, 0));
                int x1 = Math.Min(x0 + 1, w - 1), y1 = Math.Min(y0 + 1, h - 1);
                float fx = tx - x0, fy = ty - y0;
                double sq = 0;
                for (int c = 0; c < 3; c++)
                {
                    float top = (nxt[(((y0 * w) + x0) * 4) + c] * (1 - fx)) + (nxt[(((y0 * w) + x1) * 4) + c] * fx);
                    float bottom = (nxt[(((y1 * w) + x0) * 4) + c] * (1 - fx)) + (nxt[(((y1 * w) + x1) * 4) + c] * fx);
                    double d = cur[(p * 4) + c] - ((top * (1 - fy)) + (bottom * fy));
                    sq += d * d;
                }
                err += m * sq / 3;
                weight += m;
            }
            errorSums[y] = err;
            weightSums[y] = weight;
        });
        double totalWeight = MetricFrames.SumInOrder(weightSums);
        return totalWeight > 0 ? MetricFrames.SumInOrder(errorSums) / totalWeight : 0;
    }
}
