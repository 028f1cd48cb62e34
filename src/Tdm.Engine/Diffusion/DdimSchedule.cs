namespace Tdm.Engine.Diffusion;

/// <summary>
/// Deterministic DDIM sampling (Song et al. 2021, eta = 0) over <c>n</c> steps, from noise to image: descending
/// timesteps and, per step, the noise levels the step moves between. Immutable; never sees a model.
/// </summary>
internal sealed class DdimSchedule
{
    /// <param name="noise">The training schedule.</param>
    /// <param name="steps">Number of inference steps (the paper samples with 32).</param>
    /// <param name="stepsOffset">scheduler_config's steps_offset (1 for SD1.5).</param>
    /// <param name="timestepSpacing">"leading" (SD1.5), "trailing" or "linspace".</param>
    /// <param name="setAlphaToOne">Whether the step past t = 0 lands on alpha-bar = 1 (false for SD1.5: alpha-bar_0).</param>
    public DdimSchedule(NoiseSchedule noise, int steps, int stepsOffset = 1, string timestepSpacing = "leading", bool setAlphaToOne = false)
    {
        if (steps < 1 || steps > noise.NumTrainTimesteps)
            throw new TdmException(TdmErrorKind.BadArgument, $"sampling steps must be 1..{noise.NumTrainTimesteps}, got {steps}");
        Noise = noise;
        StepRatio = noise.NumTrainTimesteps / steps;
        Timesteps = TimestepSpacing.Descending(noise.NumTrainTimesteps, steps, stepsOffset, timestepSpacing);
        FinalAlphaCumprod = setAlphaToOne ? 1f : noise.AlphasCumprod[0];
    }

    public NoiseSchedule Noise { get; }

    /// <summary>T / n: how far apart the steps are.</summary>
    public int StepRatio { get; }

    /// <summary>The timesteps, descending (32 steps: 962, 931, ..., 32, 1).</summary>
    public int[] Timesteps { get; }

    /// <summary>alpha-bar used when the previous timestep is negative.</summary>
    public float FinalAlphaCumprod { get; }

    /// <summary>Step <paramref name="k"/>: from t = Timesteps[k] to its previous timestep t - T/n.</summary>
    public DdimCoefficients Step(int k)
    {
        int t = Timesteps[k];
        int previous = t - StepRatio;
        return new DdimCoefficients(t, Noise.AlphasCumprod[t], previous >= 0 ? Noise.AlphasCumprod[previous] : FinalAlphaCumprod);
    }

    /// <summary>The previous timestep of step <paramref name="k"/> (negative for the last step).</summary>
    public int PreviousTimestep(int k) => Timesteps[k] - StepRatio;
}
