using Tdm.Engine.Imaging;

namespace Tdm.Engine.Metrics;

/// <summary>
/// The quality and consistency measures the command line reports (<c>tdm eval</c>, the benchmarks), over frames in
/// [0, 1]. Deterministic: sums run in a fixed order.
/// </summary>
public static class FrameMetrics
{
    /// <summary>Peak signal-to-noise ratio of <paramref name="a"/> against <paramref name="b"/> in dB (RGB, peak 1);
    /// infinity for identical frames.</summary>
    public static double Psnr(Frame a, Frame b) => Metrics.Psnr.Compute(a, b);

    /// <summary>PSNR in dB of a mean squared error on a peak of 1.</summary>
    public static double PsnrFromMeanSquaredError(double mse) => Metrics.Psnr.FromMse(mse);

    /// <summary>Structural similarity (Wang et al. 2004, 11x11 Gaussian window) of <paramref name="a"/> and
    /// <paramref name="b"/>, on luma or averaged over RGB.</summary>
    public static double Ssim(Frame a, Frame b, SsimMode mode = SsimMode.Luma) => Metrics.Ssim.Compute(a, b, mode);

    /// <summary>
    /// The flicker index: the mean over consecutive pairs of the mean absolute RGB value of
    /// (output[t+1] - output[t]) - (input[t+1] - input[t]); 0 when the output changes exactly as the input does.
    /// </summary>
    public static double FlickerIndex(IReadOnlyList<Frame> output, IReadOnlyList<Frame> input) =>
        TemporalConsistency.FlickerIndex(output, input);

    /// <summary>
    /// The seam ratio of tiled frames: the mean absolute RGB step between neighbouring pixels across the tile edges
    /// (<paramref name="columns"/> x steps from x - 1, <paramref name="rows"/> y steps from y - 1) over the same step
    /// everywhere else. About 1 when tiles blend invisibly on smooth content.
    /// </summary>
    public static double SeamRatio(IReadOnlyList<Frame> frames, IReadOnlySet<int> columns, IReadOnlySet<int> rows) =>
        Seams.Ratio(frames, columns, rows);
}
