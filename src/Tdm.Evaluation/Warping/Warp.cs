using Tdm.Engine.Imaging;
using Tdm.Evaluation.Flow;

namespace Tdm.Evaluation.Warping;

/// <summary>Backward warping by bilinear sampling: what a later frame shows where a flow says each pixel went.</summary>
internal static class Warp
{
    /// <summary>True when (x + dx, y + dy) lies inside a width x height frame (bilinear sampling reaches it).</summary>
    public static bool Inside(float tx, float ty, int width, int height) => tx >= 0 && ty >= 0 && tx <= width - 1 && ty <= height - 1;

    /// <summary>
    /// <paramref name="next"/> sampled at (x + dx, y + dy) for every pixel of <paramref name="flow"/>: frame t+1
    /// warped back onto frame t along the flow t -> t+1. Pixels whose target lies outside keep 0 (alpha 0).
    /// </summary>
    public static Frame Frame(Frame next, FlowField flow)
    {
        int w = flow.Width, h = flow.Height;
        var result = new Frame(w, h);
        Parallel.For(0, h, y =>
        {
            for (int x = 0; x < w; x++)
            {
                float tx = x + flow.Dx(x, y), ty = y + flow.Dy(x, y);
                if (!Inside(tx, ty, w, h))
                    continue;
                var target = result[x, y];
                for (int c = 0; c < 4; c++)
                    target[c] = Sample(next.Pixels, 4, c, w, h, tx, ty);
            }
        });
        return result;
    }

    /// <summary>Channel <paramref name="channel"/> of an interleaved plane sampled bilinearly at (tx, ty), which must be inside.</summary>
    public static float Sample(float[] data, int stride, int channel, int w, int h, float tx, float ty)
    {
        int x0 = Math.Min((int)tx, Math.Max(w - 2, 0)), y0 = Math.Min((int)ty, Math.Max(h - 2, 0));
        int x1 = Math.Min(x0 + 1, w - 1), y1 = Math.Min(y0 + 1, h - 1);
        float fx = tx - x0, fy = ty - y0;
        float top = (data[(((y0 * w) + x0) * stride) + channel] * (1 - fx)) + (data[(((y0 * w) + x1) * stride) + channel] * fx);
        float bottom = (data[(((y1 * w) + x0) * stride) + channel] * (1 - fx)) + (data[(((y1 * w) + x1) * stride) + channel] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }
}
