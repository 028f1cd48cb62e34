using System.Text;
using CsCheck;
using Tdm.Engine.Configs;
using Tdm.Engine.Diffusion;
using Tdm.Engine.Models;
using Tdm.Tests.Fuzz;

namespace Tdm.Engine.Tests.Fuzz;

/// <summary>
/// Fuzzes the config readers. Any text is either refused with a <see cref="CheckpointException"/>, or gives a config
/// that writes back to the same JSON (ConfigWriter refused issue 12's infinite norm_eps) and from which the graphs'
/// tensor list is built within the bounds (issue 12's "layers_per_block": 1e9 allocated without limit). Inputs
/// are the seeds edited byte-wise, plus edits that set one field to a hostile value, which reach each bound.
/// </summary>
[Trait("Category", "Fuzz")]
public class ConfigReaderFuzzTests
{
    private const string Source = "/fuzz/config.json";

    private static readonly string[] s_fields =
    [
        "in_channels", "out_channels", "block_out_channels", "layers_per_block", "attention_head_dim", "num_attention_heads",
        "cross_attention_dim", "norm_num_groups", "norm_eps", "transformer_layers_per_block", "freq_shift", "conv_in_kernel",
        "conv_out_kernel", "sample_size", "latent_channels", "scaling_factor", "conditioning_channels",
        "conditioning_embedding_out_channels", "vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers",
        "max_position_embeddings", "layer_norm_eps", "projection_dim", "num_train_timesteps", "beta_start", "beta_end",
        "steps_offset", "clip_sample_range", "down_block_types", "up_block_types", "mid_block_type", "hidden_act",
    ];

    private static readonly string[] s_values =
    [
        "0", "1", "2", "3", "-1", "7", "8", "16", "17", "32", "77", "320", "1e9", "1e400", "-1e400", "1e-400", "2147483647", "2147483648",
        "0.5", "0.51", "1e-30", "null", "true", "\"x\"", "\"\\ud800\"", "[]", "[0]", "[1]", "[8, 8, 8, 8]", "[32, 64]", "[1e9]",
        "[320, 640, 1280, 1280]", "[1, 2, 3, 4, 5, 6, 7, 8, 9]", "{}", "[\"DownBlock2D\"]",
    ];

    // Set one field of the JSON object to a value: a crude textual edit that keeps the rest of the text as it was.
    private static byte[] SetField(byte[] json, string field, string value)
    {
        string text = Encoding.UTF8.GetString(json).TrimEnd();
        if (!text.EndsWith('}'))
            return json;
        string body = text[..^1].TrimEnd();
        return Encoding.UTF8.GetBytes($"{body}{(body.EndsWith('{') ? "" : ",")} \"{field}\": {value}}}");
    }

    private static Gen<byte[]> Inputs(IReadOnlyList<byte[]> seeds) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Int[0, s_fields.Length - 1].SelectMany(f => Gen.Int[0, s_values.Length - 1].Select(v => (f, v))).Array[0, 3],
            ByteMutations.Edits(3), Gen.Bool,
            (seed, sets, edits, mutate) =>
            {
                byte[] json = seeds[seed];
                foreach (var (f, v) in sets)
                    json = SetField(json, s_fields[f], s_values[v]);
                return mutate ? ByteMutations.Apply(json, edits) : json;
            });

    private static void Property<T>(byte[] json, Func<string, string, T> parse, string? component) where T : IModelConfig
    {
        T config;
        try
        {
            config = parse(Encoding.UTF8.GetString(json), Source);
        }
        catch (CheckpointException e)
        {
            Assert.StartsWith(Source + ":", e.Message);
            return;
        }
        string written = config.ToJson();
        Assert.Equal(written, parse(written, Source).ToJson());
        if (component != null)
            Assert.NotEmpty(NetworkCatalogue.ExpectedTensors(component, config));
        if (config is SchedulerConfig scheduler)
            Schedules(scheduler);
    }

    // A valid scheduler config gives finite, positive noise levels for any step count it allows.
    private static void Schedules(SchedulerConfig config)
    {
        DdimScheduler scheduler;
        try
        {
            scheduler = DdimScheduler.From(config);
        }
        catch (TdmException e) when (e.Kind == TdmErrorKind.Model)
        {
            return;
        }
        foreach (int steps in new[] { 1, 10, 32, 1000 }.Where(s => s <= config.NumTrainTimesteps))
        {
            DdimSchedule sampling;
            try
            {
                sampling = scheduler.Sampling(steps);
            }
            catch (TdmException e) when (e.Kind == TdmErrorKind.BadArgument)
            {
                Assert.Contains("use fewer steps", e.Message);
                continue;
            }
            for (int k = 0; k < steps; k++)
            {
                var c = sampling.Step(k);
                Assert.True(c.AlphaSource > 0 && c.AlphaTarget > 0 && float.IsFinite(c.AlphaSource) && float.IsFinite(c.AlphaTarget),
                    $"alpha-bar {c.AlphaSource} -> {c.AlphaTarget} at step {k} of {steps}");
            }
            var inversion = scheduler.Inversion(steps);
            for (int k = 0; k < steps; k++)
                Assert.True(inversion.Step(k).AlphaTarget > 0, $"inversion step {k} of {steps}");
        }
    }

    [Fact]
    public void UNet_AnyText_ConfigWithinBoundsOrACheckpointException() =>
        FuzzRun.Sample(Inputs(FuzzSeeds.UNetConfigs), j => Property(j, UNetConfig.Parse, "unet"), 2000, FuzzRun.Show);

    [Fact]
    public void Vae_AnyText_ConfigWithinBoundsOrACheckpointException() =>
        FuzzRun.Sample(Inputs(FuzzSeeds.VaeConfigs), j => Property(j, VaeConfig.Parse, "vae"), 2000, FuzzRun.Show);

    [Fact]
    public void TextEncoder_AnyText_ConfigWithinBoundsOrACheckpointException() =>
        FuzzRun.Sample(Inputs(FuzzSeeds.ClipConfigs), j => Property(j, ClipTextConfig.Parse, "text_encoder"), 2000, FuzzRun.Show);

    [Fact]
    public void ControlNet_AnyText_ConfigWithinBoundsOrACheckpointException() =>
        FuzzRun.Sample(Inputs(FuzzSeeds.ControlNetConfigs), j => Property(j, ControlNetConfig.Parse, "controlnet"), 2000, FuzzRun.Show);

    [Fact]
    public void Scheduler_AnyText_UsableScheduleOrARefusal() =>
        FuzzRun.Sample(Inputs(FuzzSeeds.SchedulerConfigs), j => Property(j, SchedulerConfig.Parse, null), 10000, FuzzRun.Show);
}
