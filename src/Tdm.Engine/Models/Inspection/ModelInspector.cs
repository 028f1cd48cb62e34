using System.Globalization;
using Tdm.Engine.Configs;
using Tdm.Engine.Models;

using Tdm.Engine.Checkpoints;

using Tdm.Engine.Diffusion;
using Tdm.Engine.Graphs;
using Tdm.Engine.Text;

namespace Tdm.Engine.Models.Inspection;

/// <summary>
/// Builds the report of <c>tdm models inspect PATH</c>: what PATH is (a diffusers model folder, a single-file
/// checkpoint, a ControlNet folder or file), its family, each network's architecture, parameter count, dtypes and
/// file size, and every problem found, without stopping at the first. Tensor shapes are checked against the
/// graphs' own (key, shape) list for each network's config (<see cref="NetworkCatalogue.ExpectedTensors"/>), and tensors
/// no graph reads are reported. "Usable" means what restoring accepts: the same config checks, the tokenizer and
/// the schedule built as the loader builds them, every weight scanned for NaN and infinities, and a ControlNet (the
/// one given, or the model folder's controlnet/).
/// </summary>
internal sealed partial class ModelInspector
{
    /// <summary>Inspects <paramref name="path"/>; never throws for a bad model (problems go into the report).</summary>
    /// <param name="path">A model folder or file, or a ControlNet folder or file.</param>
    /// <param name="tokenizerPath">A tokenizer folder to use instead of the model's.</param>
    /// <param name="configs">Configs for a single file instead of detecting them (see <see cref="SingleFileConfigs"/>).</param>
    /// <param name="controlNetPath">The ControlNet to restore with (folder or file), checked with the model; null
    /// for the model folder's controlnet/, whose absence is then a problem.</param>
    public ModelReport Inspect(string path, string? tokenizerPath = null, SingleFileConfigs? configs = null, string? controlNetPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        var problems = new List<string>();
        if (RegularFile.Problem(full) is { } special)
            return new ModelReport(full, null, "unknown", false, [], [RegularFile.Message(full, "the model path", special)], []);
        if (!Directory.Exists(full) && !File.Exists(full))
            return new ModelReport(full, null, "unknown", false, [], [$"{full}: does not exist"], []);
        if (File.Exists(full))
            return InspectFile(full, tokenizerPath, configs, controlNetPath);
        if (DiffusersFolder.IsModelFolder(full))
            return InspectModelFolder(full, tokenizerPath, controlNetPath);
        string? cls = Try(() => DiffusersFolder.ConfigClassName(full), problems);
        if (cls == ControlNetConfig.DiffusersClassName)
            return InspectControlNetFolder(full);
        if (problems.Count == 0)
            Try(() => ModelSource.Open(full), problems); // words why the folder is not a model
        return new ModelReport(full, null, cls ?? "unknown", false, [], problems, []);
    }

    private ModelReport InspectModelFolder(string folder, string? tokenizerPath, string? controlNetPath)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        var components = new List<ComponentReport>();
        var verdict = Try(() => ModelFamilies.OfPipeline(folder), problems);
        var unet = Try(() => DiffusersFolder.UNet(folder), problems);
        var vae = Try(() => DiffusersFolder.Vae(folder), problems);
        var text = Try(() => DiffusersFolder.TextEncoder(folder), problems);
        int? peekedCrossDim = unet?.Config.CrossAttentionDim ?? PeekInt(Path.Combine(folder, ComponentNames.UNet, DiffusersFolder.ConfigFile), "cross_attention_dim");
        int inChannels = unet?.Config.InChannels ?? PeekInt(Path.Combine(folder, ComponentNames.UNet, DiffusersFolder.ConfigFile), "in_channels") ?? 4;
        // The text width is compared with the U-Net's only when the U-Net's is known: an unreadable U-Net config is
        // its own problem, not a mismatch with SD1.5's default width.
        int? textWidth = peekedCrossDim == null ? null
            : text?.Config.HiddenSize ?? PeekInt(Path.Combine(folder, ComponentNames.TextEncoder, DiffusersFolder.ConfigFile), "hidden_size");
        verdict ??= ModelFamilies.OfNetworks(folder, peekedCrossDim ?? 768, inChannels, textWidth);

        AddComponent(unet, components, problems);
        AddComponent(vae, components, problems);
        AddComponent(text, components, problems);
        bool schedulerRead = true;
        var scheduler = Try(() => DiffusersFolder.Scheduler(folder), problems, () => schedulerRead = false);
        if (schedulerRead)
        {
            notes.Add(scheduler == null ? "scheduler: no scheduler_config.json, SD1.5's schedule is used" : $"scheduler: {Describe(scheduler)}");
            Try(() => DdimScheduler.From(scheduler ?? SchedulerConfig.StableDiffusion15), problems);
        }
        string bundled = Path.Combine(folder, ComponentNames.ControlNet);
        bool hasBundled = File.Exists(Path.Combine(bundled, DiffusersFolder.ConfigFile));
        if (controlNetPath == null && hasBundled)
            AddComponent(Try(() => DiffusersFolder.ControlNet(bundled), problems), components, problems);
        else
            AddControlNet(folder, controlNetPath, components, problems, notes, hasBundled);
        AddTokenizer(folder, CheckpointLayout.DiffusersFolder, tokenizerPath, problems, notes);

        if (verdict is { Refusal: { } refusal })
            problems.Insert(0, refusal);
        return new ModelReport(folder, CheckpointLayout.DiffusersFolder, verdict.Value.Family, verdict.Value.Refusal == null,
            components, problems, notes);
    }

    private ModelReport InspectControlNetFolder(string folder)
    {
        var problems = new List<string>();
        var components = new List<ComponentReport>();
        var source = Try(() => DiffusersFolder.ControlNet(folder), problems);
        AddComponent(source, components, problems);
        var verdict = source == null ? new FamilyVerdict("ControlNet", null)
            : ModelFamilies.OfNetworks(folder, source.Config.CrossAttentionDim, source.Config.InChannels, null);
        if (verdict.Refusal != null)
            problems.Insert(0, verdict.Refusal);
        // Supported says whether TDM runs the family; a problem in the files is a problem, not another family.
        return new ModelReport(folder, CheckpointLayout.ControlNetFolder, "ControlNet " + verdict.Family,
            verdict.Refusal == null, components, problems, []);
    }

    // The ControlNet a restore would use: the one given (checked like the model's networks), else none, a problem:
    // restoring refuses a model without one.
    private void AddControlNet(string modelPath, string? controlNetPath, List<ComponentReport> components, List<string> problems,
        List<string> notes, bool hasBundled = false)
    {
        if (controlNetPath == null)
        {
            problems.Add($"{modelPath}: no ControlNet: restoring needs TDM's restoration ControlNet (or ControlNet v1.1 tile); " +
                (Directory.Exists(modelPath) ? $"put a diffusers ControlNet in {Path.Combine(modelPath, ComponentNames.ControlNet)}/ or " : "") +
                "pass it with --controlnet, to this inspection as to tdm restore");
            return;
        }
        if (hasBundled)
            notes.Add($"controlnet: {Path.GetFullPath(controlNetPath)} (given; the folder's own {ComponentNames.ControlNet}/ is not used)");
        AddComponent(Try(() => ModelSource.OpenControlNet(controlNetPath), problems), components, problems);
    }

    // The tokenizer as restoring loads it: found, then read and checked (vocabulary, merges, special tokens).
    private static void AddTokenizer(string modelPath, CheckpointLayout layout, string? tokenizerPath, List<string> problems, List<string> notes)
    {
        var tokenizer = Try(() => ModelSource.FindTokenizer(modelPath, layout, tokenizerPath), problems);
        if (tokenizer == null)
            return;
        notes.Add($"tokenizer: {tokenizer.Folder}");
        Try(() => ClipTokenizer.FromFolder(tokenizer.Folder), problems);
    }

    private void AddComponent<T>(ComponentSource<T>? source, List<ComponentReport> components, List<string> problems) where T : IModelConfig
    {
        if (source == null)
            return;
        var report = Try(() => Component(source), problems);
        if (report != null)
            components.Add(report);
    }

    private ComponentReport Component<T>(ComponentSource<T> source) where T : IModelConfig
    {
        using var loaded = source.Open();
        var weights = loaded.Weights;
        var expected = NetworkCatalogue.ExpectedTensors(source.Component, source.Config);
        foreach (var (key, shape) in expected)
            weights.Get(key, shape);
        var own = weights.OwnTensors().ToList();
        var dtypes = own.GroupBy(t => t.DType).OrderBy(g => g.Key)
            .Select(g => new DTypeCount(g.Key, g.Count(), g.Sum(t => t.ElementCount))).ToList();
        return new ComponentReport(source.Component, source.WeightsPath, loaded.File.FileLength,
            source.ConfigOrigin, weights.KeyMap.Layout, Architecture(source.Config),
            own.Sum(t => t.ElementCount), own.Count, dtypes, expected.Count, weights.Problems,
            weights.Unused(), weights.Ignored());
    }

    /// <summary>Named architecture facts of a config, for the report.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> Architecture(IModelConfig config)
    {
        static KeyValuePair<string, string> P(string k, string v) => new(k, v);
        static string L(IEnumerable<int> v) => "[" + string.Join(", ", v) + "]";
        static string Blocks(IEnumerable<string> types) =>
            string.Join(", ", types.Select(t => t.Replace("2D", "", StringComparison.Ordinal)));
        return config switch
        {
            UNetConfig u =>
            [
                P("channels", $"{L(u.BlockOutChannels)} (in {u.InChannels}, out {u.OutChannels}, time embedding {u.TimeEmbeddingDim})"),
                P("blocks", $"down {Blocks(u.DownBlockTypes)}; up {Blocks(u.UpBlockTypes)}"),
                P("layers", $"{u.LayersPerBlock} per down block, {u.LayersPerBlock + 1} per up block"),
                P("heads", L(u.AttentionHeads)),
                P("cross-attn", $"{u.CrossAttentionDim} wide text embeddings"),
                P("groups", $"{u.NormNumGroups} (eps {u.NormEps.ToString(CultureInfo.InvariantCulture)})"),
            ],
            ControlNetConfig c =>
            [
                P("channels", $"{L(c.BlockOutChannels)} (in {c.InChannels}, time embedding {c.TimeEmbeddingDim})"),
                P("blocks", $"down {Blocks(c.DownBlockTypes)}"),
                P("layers", $"{c.LayersPerBlock} per down block"),
                P("heads", L(c.AttentionHeads)),
                P("cross-attn", $"{c.CrossAttentionDim} wide text embeddings"),
                P("groups", $"{c.NormNumGroups} (eps {c.NormEps.ToString(CultureInfo.InvariantCulture)})"),
                P("condition", $"{c.ConditioningChannels}-channel image, embedding {L(c.ConditioningEmbeddingOutChannels)}"),
                P("residuals", $"{NetworkSpecs.ControlNet(c).Encoder.SkipChannels.Count} down + 1 mid"),
            ],
            VaeConfig v =>
            [
                P("channels", $"{L(v.BlockOutChannels)} (image {v.InChannels} -> latent {v.LatentChannels} -> image {v.OutChannels})"),
                P("layers", $"{v.LayersPerBlock} per encoder block, {v.LayersPerBlock + 1} per decoder block"),
                P("groups", v.NormNumGroups.ToString(CultureInfo.InvariantCulture)),
                P("scaling", v.ScalingFactor.ToString(CultureInfo.InvariantCulture)),
                P("extras", $"quant_conv {(v.UseQuantConv ? "yes" : "no")}, post_quant_conv {(v.UsePostQuantConv ? "yes" : "no")}, mid attention {(v.MidBlockAddAttention ? "yes" : "no")}"),
            ],
            ClipTextConfig t =>
            [
                P("width", $"{t.HiddenSize} (MLP {t.IntermediateSize}, {t.HiddenAct})"),
                P("layers", t.NumHiddenLayers.ToString(CultureInfo.InvariantCulture)),
                P("heads", t.NumAttentionHeads.ToString(CultureInfo.InvariantCulture)),
                P("tokens", $"vocabulary {t.VocabSize}, {t.MaxPositionEmbeddings} positions"),
            ],
            _ => [],
        };
    }

    private static string Describe(SchedulerConfig s) =>
        FormattableString.Invariant($"{s.BetaSchedule} betas {s.BetaStart}..{s.BetaEnd} over {s.NumTrainTimesteps} steps, {s.PredictionType}, timestep_spacing {s.TimestepSpacing}, steps_offset {s.StepsOffset}");

    private static int? PeekInt(string configPath, string field)
    {
        try
        {
            return File.Exists(configPath) ? ConfigReader.Load(configPath, r => r.NullableInt(field)) : null;
        }
        catch (CheckpointException)
        {
            return null;
        }
    }

    // Every refusal restoring would meet is a TdmException (a CheckpointException for files and configs, Model
    // errors from the tokenizer and the schedule): reported, never thrown.
    private static T? Try<T>(Func<T> action, List<string> problems, Action? failed = null)
    {
        try
        {
            return action();
        }
        catch (TdmException e)
        {
            if (!problems.Contains(e.Message))
                problems.Add(e.Message);
            failed?.Invoke();
            return default;
        }
    }
}
