namespace Tdm.Engine.Diffusion;

/// <summary>
/// A model's DDIM scheduler as its scheduler_config.json describes it: makes the sampling and inversion schedules
/// for a number of steps. Argument names follow the config's keys.
/// </summary>
public sealed record DdimScheduler(NoiseSchedule Noise, int StepsOffset = 1, string TimestepSpacing = "leading", bool SetAlphaToOne = false)
{
    /// <summary>SD1.5's scheduler (scaled-linear betas 0.00085..0.012, 1000 steps, leading spacing, offset 1).</summary>
    public static DdimScheduler StableDiffusion15 { get; } = new(new NoiseSchedule());

    public DdimSchedule Sampling(int steps) => new(Noise, steps, StepsOffset, TimestepSpacing, SetAlphaToOne);

    public DdimInverseSchedule Inversion(int steps) => new(Noise, steps, StepsOffset, TimestepSpacing);
}
