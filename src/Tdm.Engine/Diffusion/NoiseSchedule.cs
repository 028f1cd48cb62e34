namespace Tdm.Engine.Diffusion;

/// <summary>
/// The training noise schedule: betas and their cumulative products alpha-bar_t, computed exactly as diffusers does
/// in float32 (torch.linspace, then a cumulative product accumulated in double and stored as float32). Constructor
/// arguments are named after scheduler_config.json's keys.
/// </summary>
internal sealed class NoiseSchedule
{
    public NoiseSchedule(int numTrainTimesteps = 1000, float betaStart = 0.00085f, float betaEnd = 0.012f,
        string betaSchedule = "scaled_linear", string predictionType = "epsilon", bool rescaleBetasZeroSnr = false)
    {
        if (predictionType != "epsilon")
            throw new TdmException(TdmErrorKind.Model, $"scheduler prediction_type '{predictionType}' is not supported: TDM's networks predict epsilon (SD 1.x)");
        if (rescaleBetasZeroSnr)
            throw new TdmException(TdmErrorKind.Model, "scheduler rescale_betas_zero_snr is not supported (an SD 2.x v-prediction option)");
        if (numTrainTimesteps < 2)
            throw new TdmException(TdmErrorKind.Model, $"the scheduler's num_train_timesteps must be at least 2, got {numTrainTimesteps}");
        NumTrainTimesteps = numTrainTimesteps;
        Betas = betaSchedule switch
        {
            "scaled_linear" => Linspace(MathF.Sqrt(betaStart), MathF.Sqrt(betaEnd), numTrainTimesteps).Select(b => b * b).ToArray(),
            "linear" => Linspace(betaStart, betaEnd, numTrainTimesteps),
            _ => throw new TdmException(TdmErrorKind.Model, $"scheduler beta_schedule '{betaSchedule}' is not supported (scaled_linear or linear)"),
        };
        AlphasCumprod = new float[numTrainTimesteps];
        double product = 1;
        for (int t = 0; t < numTrainTimesteps; t++)
        {
            product *= 1f - Betas[t];
            AlphasCumprod[t] = (float)product;
        }
        // DDIM divides by sqrt(alpha-bar_t): a schedule that leaves (almost) no signal at its last timestep gives
        // infinities, then black frames. SD1.5's ends at 0.0047, DDPM's linear schedule at 4e-5.
        float last = AlphasCumprod[^1];
        if (!(last >= MinFinalAlphaCumprod) || Betas.Any(b => !(b > 0 && b < 1)))
            throw new TdmException(TdmErrorKind.Model, FormattableString.Invariant(
                $"the scheduler's {betaSchedule} betas {betaStart}..{betaEnd} over {numTrainTimesteps} timesteps leave alpha-bar {last:G3} at the last one (SD1.5: 0.0047, at least {MinFinalAlphaCumprod} needed): no signal survives; the scheduler config is not an SD1.x schedule"));
    }

    /// <summary>The least alpha-bar the last training timestep may keep (see the constructor).</summary>
    public const float MinFinalAlphaCumprod = 1e-6f;

    public int NumTrainTimesteps { get; }

    /// <summary>beta_t, t = 0..T-1.</summary>
    public float[] Betas { get; }

    /// <summary>alpha-bar_t = prod_{s &lt;= t} (1 - beta_s).</summary>
    public float[] AlphasCumprod { get; }

    // torch.linspace in float32: the first half counts up from start, the second half down from end.
    private static float[] Linspace(float start, float end, int steps)
    {
        var result = new float[steps];
        float step = (end - start) / (steps - 1);
        for (int i = 0; i < steps; i++)
            result[i] = i < steps / 2 ? start + (step * i) : end - (step * (steps - i - 1));
        return result;
    }
}
