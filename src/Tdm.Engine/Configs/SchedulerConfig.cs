using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Configs;

/// <summary>
/// The noise schedule of scheduler/scheduler_config.json, read the way diffusers' <c>DDIMScheduler.from_config</c>
/// reads any scheduler's config (SD1.5 ships a PNDMScheduler config): fields it lacks get DDIMScheduler's defaults.
/// <see cref="StableDiffusion15"/> is the result for SD1.5 (and what single-file checkpoints use).
/// </summary>
internal sealed record SchedulerConfig : IModelConfig
{
    /// <summary>diffusers' class name of the scheduler TDM runs.</summary>
    public const string DiffusersClassName = "DDIMScheduler";

    /// <summary>SD1.5's schedule: scaled_linear 0.00085..0.012, steps_offset 1, no clipping, epsilon.</summary>
    public static SchedulerConfig StableDiffusion15 { get; } = new()
    {
        BetaStart = 0.00085,
        BetaEnd = 0.012,
        BetaSchedule = "scaled_linear",
        ClipSample = false,
        SetAlphaToOne = false,
        StepsOffset = 1,
    };

    /// <inheritdoc/>
    public string ClassName => DiffusersClassName;

    /// <summary>num_train_timesteps.</summary>
    public int NumTrainTimesteps { get; init; } = 1000;

    /// <summary>beta_start.</summary>
    public double BetaStart { get; init; } = 0.0001;

    /// <summary>beta_end.</summary>
    public double BetaEnd { get; init; } = 0.02;

    /// <summary>beta_schedule: "linear" or "scaled_linear" (diffusers also knows "squaredcos_cap_v2", which TDM refuses).</summary>
    public string BetaSchedule { get; init; } = "linear";

    /// <summary>trained_betas: explicit betas overriding the schedule, or null.</summary>
    public IReadOnlyList<double>? TrainedBetas { get; init; }

    /// <summary>clip_sample: clip the predicted x0 to ±<see cref="ClipSampleRange"/>.</summary>
    public bool ClipSample { get; init; } = true;

    /// <summary>clip_sample_range.</summary>
    public double ClipSampleRange { get; init; } = 1.0;

    /// <summary>set_alpha_to_one: the final step's alpha is 1 (else alphas_cumprod[0]).</summary>
    public bool SetAlphaToOne { get; init; } = true;

    /// <summary>steps_offset added to every inference timestep.</summary>
    public int StepsOffset { get; init; }

    /// <summary>prediction_type: only "epsilon" is supported.</summary>
    public string PredictionType { get; init; } = "epsilon";

    /// <summary>timestep_spacing: "leading", "trailing" or "linspace".</summary>
    public string TimestepSpacing { get; init; } = "leading";

    /// <summary>rescale_betas_zero_snr.</summary>
    public bool RescaleBetasZeroSnr { get; init; }

    /// <summary>Reads and validates a scheduler_config.json.</summary>
    public static SchedulerConfig Load(string path) => ConfigReader.Load(path, Read);

    /// <summary>Reads and validates config text; <paramref name="source"/> names it in messages.</summary>
    public static SchedulerConfig Parse(string json, string source) =>
        ConfigReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), source, Read);

    /// <inheritdoc/>
    public void Validate(string source)
    {
        ConfigLimits.Check(source, "num_train_timesteps", NumTrainTimesteps, 2, ConfigLimits.MaxTrainTimesteps, "1000");
        if (PredictionType != "epsilon")
            throw ConfigReader.Unsupported(source, "prediction_type", PredictionType, "\"epsilon\" (SD1.x); v-prediction models are SD 2.x-style");
        if (TimestepSpacing is not ("leading" or "trailing" or "linspace"))
            throw ConfigReader.Unsupported(source, "timestep_spacing", TimestepSpacing, "\"leading\", \"trailing\" or \"linspace\"");
        // An offset of the inference timesteps (diffusers' models use 0 or 1); past the step ratio it runs off the schedule.
        ConfigLimits.Check(source, "steps_offset", StepsOffset, 0, Math.Min(ConfigLimits.MaxStepsOffset, NumTrainTimesteps - 1), "1");
        // What DDIM sampling here builds a schedule from (DdimScheduler.From): linear or scaled-linear betas, no
        // explicit betas, no clipping. Checked here so that inspection refuses what restoring would.
        if (TrainedBetas != null)
            throw ConfigReader.Unsupported(source, "trained_betas", $"a list of {TrainedBetas.Count}", "null (SD1.x uses scaled_linear betas)");
        if (BetaSchedule is not ("linear" or "scaled_linear"))
            throw ConfigReader.Unsupported(source, "beta_schedule", BetaSchedule, "\"scaled_linear\" (SD1.x) or \"linear\"");
        ConfigLimits.CheckPositive(source, "beta_start", BetaStart, ConfigLimits.MaxBeta, "0.00085");
        ConfigLimits.CheckPositive(source, "beta_end", BetaEnd, ConfigLimits.MaxBeta, "0.012");
        if (ClipSample)
            throw ConfigReader.Unsupported(source, "clip_sample", true, "false (SD1.x does not clip the predicted sample)");
        ConfigLimits.CheckPositive(source, "clip_sample_range", ClipSampleRange, 1e6, "1");
    }

    /// <inheritdoc/>
    public string ToJson() => new ConfigWriter()
        .String("_class_name", ClassName)
        .String("_diffusers_version", ConfigWriter.DiffusersVersion)
        .Int("num_train_timesteps", NumTrainTimesteps)
        .Double("beta_start", BetaStart)
        .Double("beta_end", BetaEnd)
        .String("beta_schedule", BetaSchedule)
        .Doubles("trained_betas", TrainedBetas)
        .Bool("clip_sample", ClipSample)
        .Double("clip_sample_range", ClipSampleRange)
        .Bool("set_alpha_to_one", SetAlphaToOne)
        .Int("steps_offset", StepsOffset)
        .String("prediction_type", PredictionType)
        .String("timestep_spacing", TimestepSpacing)
        .Bool("rescale_betas_zero_snr", RescaleBetasZeroSnr)
        .Bool("thresholding", false)
        .ToString();

    private static SchedulerConfig Read(ConfigReader r)
    {
        r.RequireDefault("thresholding", "dynamic thresholding", "false");
        var d = new SchedulerConfig();
        var c = d with
        {
            NumTrainTimesteps = r.Int("num_train_timesteps", d.NumTrainTimesteps),
            BetaStart = r.Double("beta_start", d.BetaStart),
            BetaEnd = r.Double("beta_end", d.BetaEnd),
            BetaSchedule = r.String("beta_schedule", d.BetaSchedule),
            TrainedBetas = r.NullableDoubleList("trained_betas"),
            ClipSample = r.Bool("clip_sample", d.ClipSample),
            ClipSampleRange = r.Double("clip_sample_range", d.ClipSampleRange),
            SetAlphaToOne = r.Bool("set_alpha_to_one", d.SetAlphaToOne),
            StepsOffset = r.Int("steps_offset", d.StepsOffset),
            PredictionType = r.String("prediction_type", d.PredictionType),
            TimestepSpacing = r.String("timestep_spacing", d.TimestepSpacing),
            RescaleBetasZeroSnr = r.Bool("rescale_betas_zero_snr", d.RescaleBetasZeroSnr),
        };
        c.Validate(r.Path);
        return c;
    }
}
