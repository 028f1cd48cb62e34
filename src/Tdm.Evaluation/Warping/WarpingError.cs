using Tdm.Engine.Imaging;
using Tdm.Evaluation.Flow;

namespace Tdm.Evaluation.Warping;

/// <summary>
/// The warping error of one pair of output frames (Lai et al. 2018, eq. 9): frame t+1 warped back onto frame t
/// along the flow t -> t+1, then the mean over the visible pixels and the RGB channels of the squared difference
/// from frame t. Frames in [0, 1]; a pair with no visible pixel scores 0 (Lai's code divides a zero sum by the pixel
/// count then). Sums run row by row in a fixed order, so the score does not depend on thread scheduling.
/// </summary>
internal static class WarpingError
{
    /// <summary>The masked mean squared error of <paramref name="current"/> against <paramref name="next"/> warped
    /// along <paramref name="flow"/>, weighted by <paramref name="visible"/> (width x height; null: every pixel whose
    /// match lies inside the frame).</summary>
    public static double Pair(Frame current, Frame next, FlowField flow, float[]? visible)
    {
        int w = current.Width, h = current.Height;
        if (next.Width != w || next.Height != h || flow.Width != w || flow.Height != h || (visible is not null && visible.Length != w * h))
            throw new ArgumentException($"the warping error needs frames, flow and mask of one size ({w}x{h})");
        var errorSums = new double[h];
        var weightSums = new double[h];
        float[] cur = current.Pixels, nxt = next.Pixels;
        Parallel.For(0, h, y =>
        {
            double err = 0, weight = 0;
            for (int x = 0; x < w; x++)
            {
                int p = (y * w) + x;
                float tx = x + flow.Dx(x, y), ty = y + flow.Dy(x, y);
                float m = visible is null ? 1f : visible[p];
                if (m <= 0 || !Warp.Inside(tx, ty, w, h))
                    continue;
                double sq = 0;
                for (int c = 0; c < 3; c++)
                {
                    double d = cur[(p * 4) + c] - Warp.Sample(nxt, 4, c, w, h, tx, ty);
                    sq += d * d;
                }
                err += m * sq / 3;
                weight += m;
            }
            errorSums[y] = err;
            weightSums[y] = weight;
        });
        double totalWeight = 0, totalError = 0;
        for (int y = 0; y < h; y++)
            (totalWeight, totalError) = (totalWeight + weightSums[y], totalError + errorSums[y]);
        return totalWeight > 0 ? totalError / totalWeight : 0;
    }
}
