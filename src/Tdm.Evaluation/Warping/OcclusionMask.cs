using Tdm.Evaluation.Flow;

namespace Tdm.Evaluation.Warping;

/// <summary>
/// Which pixels of frame t have a trustworthy match in frame t+1, as Lai et al. 2018 ("Learning Blind Video Temporal
/// Consistency", their detect_occlusion, after Sundaram, Brox and Keutzer 2010) decide it from the forward flow
/// w = F(t -> t+1) and the backward flow b = F(t+1 -> t). A pixel x is left out when
/// <list type="number">
/// <item>its match falls outside the frame (the content leaves the picture);</item>
/// <item>forward-backward consistency fails (occlusion): with b' = b(x + w(x)) sampled bilinearly,
/// |w + b'|^2 > 0.01 (|w|^2 + |b'|^2) + 0.5;</item>
/// <item>it lies on a motion boundary: |du|^2 + |dv|^2 > 0.01 |w|^2 + 0.002, with forward differences
/// (x to x+1, y to y+1) of the flow's u and v, as Lai's compute_flow_gradients takes them.</item>
/// </list>
/// </summary>
internal static class OcclusionMask
{
    /// <summary>Lai's thresholds (squared magnitudes, pixels^2).</summary>
    public const float ConsistencyRelative = 0.01f, ConsistencyAbsolute = 0.5f, BoundaryRelative = 0.01f, BoundaryAbsolute = 0.002f;

    /// <summary>Width x height weights over frame t: 1 where the pixel is visible in t+1, 0 where it is left out.</summary>
    public static float[] Visible(FlowField forward, FlowField backward)
    {
        if (forward.Width != backward.Width || forward.Height != backward.Height)
            throw new ArgumentException("the forward and backward flows differ in size");
        int w = forward.Width, h = forward.Height;
        var visible = new float[w * h];
        Parallel.For(0, h, y =>
        {
            for (int x = 0; x < w; x++)
            {
                float u = forward.Dx(x, y), v = forward.Dy(x, y);
                float tx = x + u, ty = y + v;
                if (!Warp.Inside(tx, ty, w, h))
                    continue;
                // 2. Forward-backward consistency: the backward flow where x lands should bring it back.
                float bu = Warp.Sample(backward.Data, 2, 0, w, h, tx, ty), bv = Warp.Sample(backward.Data, 2, 1, w, h, tx, ty);
                float su = u + bu, sv = v + bv;
                if ((su * su) + (sv * sv) > (ConsistencyRelative * ((u * u) + (v * v) + (bu * bu) + (bv * bv))) + ConsistencyAbsolute)
                    continue;
                // 3. Motion boundary: forward differences, zero on the last column and row (as Lai's arrays start at 0).
                float uDx = x + 1 < w ? u - forward.Dx(x + 1, y) : 0, vDx = x + 1 < w ? v - forward.Dy(x + 1, y) : 0;
                float uDy = y + 1 < h ? u - forward.Dx(x, y + 1) : 0, vDy = y + 1 < h ? v - forward.Dy(x, y + 1) : 0;
                if ((uDx * uDx) + (uDy * uDy) + (vDx * vDx) + (vDy * vDy) > (BoundaryRelative * ((u * u) + (v * v))) + BoundaryAbsolute)
                    continue;
                visible[(y * w) + x] = 1f;
            }
        });
        return visible;
    }
}
