using Tdm.Engine.Imaging;

namespace Tdm.Engine.Metrics;

/// <summary>
/// How steady a restored clip is over time. <see cref="FlickerIndex"/> needs no optical flow: it compares the
/// frame-to-frame change of the output with that of the input, so motion present in the input costs nothing and
/// only change the restoration added (flicker) counts. The flow-based warping error (Lai et al. 2018) lives in
/// Tdm.Evaluation beside the optical flow it needs (OpenCV), which the engine, compiled into the plugin, must not carry.
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
}
