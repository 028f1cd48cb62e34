using Tdm.Engine.Imaging;
using Tdm.Evaluation.Flow;

namespace Tdm.Evaluation.Warping;

/// <summary>
/// The warping error of a clip as video-restoration papers report it (Lai et al. 2018): for each consecutive pair,
/// the optical flow is estimated on the reference (the degraded input or the ground truth, so every method is scored
/// on the same flow) in both directions, occluded pixels and motion boundaries are masked out
/// (<see cref="OcclusionMask"/>), and the output's frame t+1 is warped onto frame t; the clip's score is the mean
/// over pairs of the masked mean squared error, times <see cref="Scale"/>. Fed one pair at a time, so a clip of any
/// length is measured holding two frames of each.
/// </summary>
public sealed class WarpingErrorMeter
{
    /// <summary>The factor papers report the warping error with (E_warp x 10^3, on frames in [0, 1]).</summary>
    public const double Scale = 1000;

    private double _sum;

    /// <summary>Pairs measured so far.</summary>
    public int Pairs { get; private set; }

    /// <summary>The clip's warping error so far (mean over pairs, x <see cref="Scale"/>); null before the first pair.</summary>
    public double? Value => Pairs == 0 ? null : Scale * _sum / Pairs;

    /// <summary>
    /// Measures the pair t, t+1: <paramref name="output"/> and <paramref name="nextOutput"/> are the restored frames,
    /// <paramref name="reference"/> and <paramref name="nextReference"/> the reference's, all of one size. Returns
    /// the pair's error (x <see cref="Scale"/>).
    /// </summary>
    public double Add(Frame output, Frame nextOutput, Frame reference, Frame nextReference)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(nextOutput);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(nextReference);
        if ((output.Width, output.Height) != (reference.Width, reference.Height))
            throw new ArgumentException($"the output is {output.Width}x{output.Height} but the reference {reference.Width}x{reference.Height}");
        var forward = OpticalFlow.Estimate(reference, nextReference);
        var backward = OpticalFlow.Estimate(nextReference, reference);
        double pair = WarpingError.Pair(output, nextOutput, forward, OcclusionMask.Visible(forward, backward));
        _sum += pair;
        Pairs++;
        return Scale * pair;
    }
}
