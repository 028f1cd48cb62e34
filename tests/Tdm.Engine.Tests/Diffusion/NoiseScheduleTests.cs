using Tdm.Engine.Configs;
using Tdm.Engine.Diffusion;

namespace Tdm.Engine.Tests.Diffusion;

/// <summary>Issue 12's absurd schedules: refused before sampling could turn them into black frames.</summary>
public class NoiseScheduleTests
{
    [Theory]
    [InlineData(-0.001, 0.012, "beta_start")]
    [InlineData(0.00085, 0.6, "beta_end")]
    [InlineData(0.00085, 1e9, "beta_end")]
    [InlineData(0, 0.012, "beta_start")]
    public void Validate_BetaOutOfRange_RefusedNamingIt(double start, double end, string field)
    {
        var c = SchedulerConfig.StableDiffusion15 with { BetaStart = start, BetaEnd = end };
        var e = Assert.Throws<CheckpointException>(() => c.Validate("scheduler_config.json"));
        Assert.Contains(field, e.Message);
        Assert.Contains("at most 0.5", e.Message);
    }

    [Fact]
    public void Constructor_BetasLeavingNoSignal_RefusedNamingAlphaBar()
    {
        // Within each bound, but 1000 steps of beta 0.4 leave alpha-bar 0 at the end.
        var e = Assert.Throws<TdmException>(() => new NoiseSchedule(1000, 0.4f, 0.5f, "linear"));
        Assert.Equal(TdmErrorKind.Model, e.Kind);
        Assert.Contains("no signal survives", e.Message);
        Assert.Throws<TdmException>(() => DdimScheduler.From(SchedulerConfig.StableDiffusion15 with { BetaStart = 0.4, BetaEnd = 0.5, BetaSchedule = "linear" }));
    }

    [Fact]
    public void Constructor_Sd15AndDdpmSchedules_Accepted()
    {
        Assert.InRange(new NoiseSchedule().AlphasCumprod[^1], 0.004f, 0.005f);
        Assert.InRange(new NoiseSchedule(1000, 0.0001f, 0.02f, "linear").AlphasCumprod[^1], 3e-5f, 5e-5f);
    }

    [Theory]
    [InlineData("trained_betas")]
    [InlineData("clip_sample")]
    [InlineData("beta_schedule")]
    public void Validate_WhatDdimSamplingCannotBuild_RefusedAsInspectionWouldSee(string field)
    {
        var c = field switch
        {
            "trained_betas" => SchedulerConfig.StableDiffusion15 with { TrainedBetas = Enumerable.Repeat(0.01, 1000).ToArray() },
            "clip_sample" => SchedulerConfig.StableDiffusion15 with { ClipSample = true },
            _ => SchedulerConfig.StableDiffusion15 with { BetaSchedule = "squaredcos_cap_v2" },
        };
        Assert.Contains(field, Assert.Throws<CheckpointException>(() => c.Validate("s.json")).Message);
    }
}
