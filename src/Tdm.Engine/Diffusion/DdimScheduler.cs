using Tdm.Engine.Configs;

namespace Tdm.Engine.Diffusion;

/// <summary>
/// A model's DDIM scheduler as its scheduler_config.json describes it: makes the sampling and inversion schedules
/// for a number of steps. Argument names follow the config's keys.
/// </summary>
internal sealed record DdimScheduler(NoiseSchedule Noise, int StepsOffset = 1, string TimestepSpacing = "leading", bool SetAlphaToOne = false)
{
    /// <summary>SD1.5's scheduler (scaled-linear betas 0.00085..0.012, 1000 steps, leading spacing, offset 1).</summary>
    public static DdimScheduler StableDiffusion15 { get; } = new(new NoiseSchedule());

    /// <summary>The scheduler a model's scheduler_config.json describes (whatever its _class_name: TDM samples
    /// with DDIM from the same training schedule).</summary>
    public static DdimScheduler From(Configs.SchedulerConfig c)
    {
        c.Validate("the scheduler config"); // what a schedule can be built from is the config's to say
        var noise = new NoiseSchedule(c.NumTrainTimesteps, (float)c.BetaStart, (float)c.BetaEnd, c.BetaSchedule, c.PredictionType, c.RescaleBetasZeroSnr);
        return new DdimScheduler(noise, c.StepsOffset, c.TimestepSpacing, c.SetAlphaToOne);
    }

    public DdimSchedule Sampling(int steps) => new(Noise, steps, StepsOffset, TimestepSpacing, SetAlphaToOne);

    public DdimInverseSchedule Inversion(int steps) => new(Noise, steps, StepsOffset, TimestepSpacing);
}
