using Tdm.Engine.Graphs;

namespace Tdm.Engine.Diffusion;

/// <summary>
/// One deterministic DDIM update, with classifier-free guidance, as a small graph that runs wherever the networks
/// run (so latents never leave the GPU). The same update serves sampling and inversion; only the noise levels
/// differ (<see cref="DdimSchedule.Step"/>, <see cref="DdimInverseSchedule.Step"/>).
/// <code>
/// Notation (Song et al. 2021, eq. 12 with sigma = 0):
///   x      latents at noise level a_src = alpha-bar_src                  latents         [F, C, h, w]
///   e      the network's predicted noise, [uncond; cond] with CFG        noise_pred      [G*F, C, h, w]
///   w      guidance scale                                                 guidance        [1]
///   -> x'  latents at noise level a_dst                                   next_latents    [F, C, h, w]
///   -> the next network input, x' repeated for each guidance group        next_model_input [G'*F, ...]
/// </code>
/// </summary>
internal static class DdimStep
{
    public const string Latents = "latents", NoisePred = "noise_pred", Guidance = "guidance";
    public const string SqrtAlphaSource = "sqrt_alpha_source", SqrtOneMinusAlphaSource = "sqrt_one_minus_alpha_source";
    public const string SqrtAlphaTarget = "sqrt_alpha_target", SqrtOneMinusAlphaTarget = "sqrt_one_minus_alpha_target";
    public const string NextLatents = "next_latents", NextModelInput = "next_model_input", PredOriginal = "pred_original";

    /// <param name="guidanceGroups">1: noise_pred is [F] (no guidance); 2: [uncond F; cond F].</param>
    /// <param name="nextGroups">How many copies of x' the next network call takes (1 or 2); with 1, next_model_input
    /// is not produced (next_latents is the input).</param>
    public static GraphBuilder Build(int guidanceGroups, int nextGroups)
    {
        // Always float32: latents accumulate 42 updates, which half precision would erode.
        var g = new GraphBuilder($"ddim_step_g{guidanceGroups}_n{nextGroups}", TensorType.Float);
        var x = g.Input(Latents, TensorType.Float, "frames", "channels", "height", "width");
        var e = g.Input(NoisePred, TensorType.Float, "batch", "channels", "height", "width");
        var w = g.Input(Guidance, TensorType.Float, 1);
        var sqrtAlphaSrc = g.Input(SqrtAlphaSource, TensorType.Float, 1);
        var sqrtBetaSrc = g.Input(SqrtOneMinusAlphaSource, TensorType.Float, 1);
        var sqrtAlphaDst = g.Input(SqrtAlphaTarget, TensorType.Float, 1);
        var sqrtBetaDst = g.Input(SqrtOneMinusAlphaTarget, TensorType.Float, 1);

        // 1. classifier-free guidance: e = e_uncond + w (e_cond - e_uncond)   (Ho & Salimans 2022)
        if (guidanceGroups == 2)
        {
            var (uncond, cond) = g.Halves(e, axis: 0);
            e = g.Add(uncond, g.Mul(w, g.Sub(cond, uncond)));
        }
        // 2. predicted x_0 = (x - sqrt(1 - a_src) e) / sqrt(a_src)                  ("predicted x0", eq. 12)
        var x0 = g.Div(g.Sub(x, g.Mul(sqrtBetaSrc, e)), sqrtAlphaSrc);
        // 3. direction pointing to x_dst = sqrt(1 - a_dst) e                           (eq. 12, sigma = 0)
        var direction = g.Mul(sqrtBetaDst, e);
        // 4. x_dst = sqrt(a_dst) x_0 + direction
        var next = g.Add(g.Mul(sqrtAlphaDst, x0), direction);

        g.Output(NextLatents, next, TensorType.Float, "frames", "channels", "height", "width");
        g.Output(PredOriginal, x0, TensorType.Float, "frames", "channels", "height", "width");
        if (nextGroups > 1)
            g.Output(NextModelInput, g.Concat(0, Enumerable.Repeat(next, nextGroups).ToArray()), TensorType.Float, "next_batch", "channels", "height", "width");
        return g;
    }
}
