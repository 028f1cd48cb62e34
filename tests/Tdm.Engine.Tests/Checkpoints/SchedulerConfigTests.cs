using System.Text.Json;
using Tdm.Engine.Checkpoints;
using Tdm.Tests;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Checkpoints;

public class SchedulerConfigTests
{
    [Fact]
    public void Load_GoldenPndmConfig_ResolvesLikeDdimFromConfig()
    {
        var c = SchedulerConfig.Load(Golden.Path("models", "scheduler", "scheduler_config.json"));
        using var resolved = JsonDocument.Parse(File.ReadAllBytes(Golden.Path("models", "scheduler", "ddim_resolved_kwargs.json")));
        var r = resolved.RootElement;
        Assert.Equal(r.GetProperty("num_train_timesteps").GetInt32(), c.NumTrainTimesteps);
        Assert.Equal(r.GetProperty("beta_start").GetDouble(), c.BetaStart);
        Assert.Equal(r.GetProperty("beta_end").GetDouble(), c.BetaEnd);
        Assert.Equal(r.GetProperty("beta_schedule").GetString(), c.BetaSchedule);
        Assert.Null(c.TrainedBetas);
        Assert.Equal(r.GetProperty("clip_sample").GetBoolean(), c.ClipSample);
        Assert.Equal(r.GetProperty("set_alpha_to_one").GetBoolean(), c.SetAlphaToOne);
        Assert.Equal(r.GetProperty("steps_offset").GetInt32(), c.StepsOffset);
        Assert.Equal(r.GetProperty("prediction_type").GetString(), c.PredictionType);
        Assert.Equal(r.GetProperty("timestep_spacing").GetString(), c.TimestepSpacing);
        Assert.Equal(r.GetProperty("rescale_betas_zero_snr").GetBoolean(), c.RescaleBetasZeroSnr);
        Assert.Equal(SchedulerConfig.StableDiffusion15.ToJson(), c.ToJson());
    }

    [Theory]
    [InlineData("""{"prediction_type":"v_prediction"}""", "prediction_type is \"v_prediction\"")]
    [InlineData("""{"beta_schedule":"exponential"}""", "beta_schedule is \"exponential\"")]
    [InlineData("""{"timestep_spacing":"karras"}""", "timestep_spacing is \"karras\"")]
    [InlineData("""{"thresholding":true}""", "thresholding is true")]
    [InlineData("""{"num_train_timesteps":3,"trained_betas":[0.1,0.2]}""", "trained_betas is \"a list of 2\"")]
    [InlineData("""{"beta_schedule":"squaredcos_cap_v2"}""", "beta_schedule is \"squaredcos_cap_v2\"")]
    [InlineData("""{"clip_sample":true}""", "clip_sample is true")]
    public void Parse_UnsupportedValue_Refused(string json, string expected)
    {
        var e = Assert.Throws<CheckpointException>(() => SchedulerConfig.Parse(json, "scheduler/scheduler_config.json"));
        Assert.Contains("scheduler/scheduler_config.json", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ToJson_ThenParse_RoundTrips()
    {
        // trained_betas and clip_sample are refused since issue 12 (DDIM sampling never used them): a linear schedule.
        var c = new SchedulerConfig { NumTrainTimesteps = 3, BetaStart = 0.1, BetaEnd = 0.3, ClipSample = false, StepsOffset = 2 };
        string json = c.ToJson();
        Assert.Contains("\"_class_name\": \"DDIMScheduler\"", json);
        var back = SchedulerConfig.Parse(json, "rt");
        Assert.Equal(c, back);
        Assert.Equal(json, back.ToJson());
    }
}
