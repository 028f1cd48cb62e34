namespace Tdm.Engine.Diffusion;

/// <summary>
/// DDIM inversion (the DDIM step run backwards, from image to noise): ascending timesteps, the model evaluated at
/// the TARGET timestep t, the latent moving from the source level s = min(t - T/n, T - 1) up to t. TDM inverts
/// each degraded frame's latent with 10 steps so that neighbouring frames start sampling from neighbouring noises.
/// </summary>
internal sealed class DdimInverseSchedule
{
    public DdimInverseSchedule(NoiseSchedule noise, int steps, int stepsOffset = 1, string timestepSpacing = "leading")
    {
        if (steps < 1 || steps > noise.NumTrainTimesteps)
            throw new TdmException(TdmErrorKind.BadArgument, $"inversion steps must be 1..{noise.NumTrainTimesteps}, got {steps}");
        Noise = noise;
        StepRatio = noise.NumTrainTimesteps / steps;
        Timesteps = TimestepSpacing.Descending(noise.NumTrainTimesteps, steps, stepsOffset, timestepSpacing).Reverse().ToArray();
        InitialAlphaCumprod = noise.AlphasCumprod[0];
    }

    public NoiseSchedule Noise { get; }

    public int StepRatio { get; }

    /// <summary>The timesteps, ascending (10 steps: 1, 101, ..., 901).</summary>
    public int[] Timesteps { get; }

    /// <summary>alpha-bar used when the source timestep is negative (diffusers' initial_alpha_cumprod).</summary>
    public float InitialAlphaCumprod { get; }

    /// <summary>The source timestep of step <paramref name="k"/> (negative for the first step).</summary>
    public int SourceTimestep(int k) => Math.Min(Timesteps[k] - StepRatio, Noise.NumTrainTimesteps - 1);

    /// <summary>Step <paramref name="k"/>: from s to t = Timesteps[k], the model evaluated at t.</summary>
    public DdimCoefficients Step(int k)
    {
        int t = Timesteps[k];
        int s = SourceTimestep(k);
        return new DdimCoefficients(t, s >= 0 ? Noise.AlphasCumprod[s] : InitialAlphaCumprod, Noise.AlphasCumprod[t]);
    }
}
