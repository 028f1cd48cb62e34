using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// Finds the networks of diffusers-layout folders: a Stable Diffusion folder (model_index.json, unet/, vae/,
/// text_encoder/, tokenizer/, scheduler/) and a ControlNet folder (config.json + weights). Weight files: the
/// float32 file is preferred, an fp16 variant (*.fp16.safetensors) accepted; pickle .bin files are refused.
/// </summary>
internal static class DiffusersFolder
{
    public const string ModelIndexFile = "model_index.json";
    public const string ConfigFile = "config.json";
    public const string SchedulerConfigFile = "scheduler_config.json";
    public const string DiffusersWeights = "diffusion_pytorch_model";
    public const string TransformersWeights = "model";

    /// <summary>What a Stable Diffusion folder holds, for messages.</summary>
    public const string ExpectedModelFolder =
        "a diffusers Stable Diffusion folder (model_index.json, unet/, vae/, text_encoder/, tokenizer/vocab.json + merges.txt, scheduler/)";

    /// <summary>What a ControlNet folder holds, for messages.</summary>
    public const string ExpectedControlNetFolder = "a diffusers ControlNet folder (config.json and diffusion_pytorch_model.safetensors)";

    public static bool IsModelFolder(string folder) => File.Exists(Path.Combine(folder, ModelIndexFile));

    /// <summary>The _class_name of <paramref name="folder"/>/config.json, or null when there is none.</summary>
    public static string? ConfigClassName(string folder)
    {
        string path = Path.Combine(folder, ConfigFile);
        return File.Exists(path) ? ConfigReader.Load(path, r => r.NullableString("_class_name") ?? r.NullableString("model_type") ?? "(no _class_name)") : null;
    }

    public static ComponentSource<UNetConfig> UNet(string model)
    {
        string folder = ComponentFolder(model, ComponentNames.UNet);
        return new(ComponentNames.UNet, FindWeights(folder, DiffusersWeights, ComponentNames.UNet), UNetConfig.Load(ConfigPath(folder, ComponentNames.UNet)),
            CheckpointLayout.DiffusersFolder, ConfigPath(folder, ComponentNames.UNet), _ => ComponentKeyMap.Diffusers);
    }

    public static ComponentSource<VaeConfig> Vae(string model)
    {
        string folder = ComponentFolder(model, ComponentNames.Vae);
        return new(ComponentNames.Vae, FindWeights(folder, DiffusersWeights, ComponentNames.Vae), VaeConfig.Load(ConfigPath(folder, ComponentNames.Vae)),
            CheckpointLayout.DiffusersFolder, ConfigPath(folder, ComponentNames.Vae), _ => ComponentKeyMap.Diffusers);
    }

    public static ComponentSource<ClipTextConfig> TextEncoder(string model)
    {
        string folder = ComponentFolder(model, ComponentNames.TextEncoder);
        return new(ComponentNames.TextEncoder, FindWeights(folder, TransformersWeights, ComponentNames.TextEncoder),
            ClipTextConfig.Load(ConfigPath(folder, ComponentNames.TextEncoder)), CheckpointLayout.DiffusersFolder,
            ConfigPath(folder, ComponentNames.TextEncoder), f => ComponentKeyMap.ClipText("diffusers", "", f.Tensors.Keys));
    }

    /// <summary>The ControlNet of a ControlNet folder (config.json + weights).</summary>
    public static ComponentSource<ControlNetConfig> ControlNet(string folder)
    {
        string config = ConfigPath(folder, ComponentNames.ControlNet);
        return new(ComponentNames.ControlNet, FindWeights(folder, DiffusersWeights, ComponentNames.ControlNet), ControlNetConfig.Load(config),
            CheckpointLayout.ControlNetFolder, config, _ => ComponentKeyMap.Diffusers);
    }

    /// <summary>The scheduler config of <paramref name="model"/>, or null when the folder has none.</summary>
    public static SchedulerConfig? Scheduler(string model)
    {
        string path = Path.Combine(model, "scheduler", SchedulerConfigFile);
        return File.Exists(path) ? SchedulerConfig.Load(path) : null;
    }

    /// <summary>
    /// The weight file <paramref name="baseName"/>.safetensors in <paramref name="folder"/>, else its fp16 variant.
    /// Explains what is there otherwise: a pickle .bin (refused), sharded weights, or nothing usable.
    /// </summary>
    public static string FindWeights(string folder, string baseName, string component)
    {
        foreach (string name in new[] { baseName + ".safetensors", baseName + ".fp16.safetensors" })
        {
            string path = Path.Combine(folder, name);
            if (File.Exists(path))
                return Path.GetFullPath(path);
        }
        string[] present = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        string? pickle = present.FirstOrDefault(f => f.StartsWith(baseName, StringComparison.Ordinal) && PickleGuard.HasPickleExtension(f));
        if (pickle != null)
            throw new CheckpointException(Path.Combine(folder, pickle),
                $"{Path.Combine(folder, pickle)}: the {component} weights are only in a PyTorch pickle file; loading one can run arbitrary code, " +
                $"so TDM refuses it. Put {baseName}.safetensors (or {baseName}.fp16.safetensors) beside it: most model pages offer it.");
        if (present.Any(f => f.EndsWith(".safetensors.index.json", StringComparison.Ordinal)))
            throw new CheckpointException(folder, $"{folder}: the {component} weights are sharded (*.safetensors.index.json); TDM reads one {baseName}.safetensors per network");
        throw new CheckpointException(folder,
            $"{folder}: has no {baseName}.safetensors (nor {baseName}.fp16.safetensors) for the {component}; found: {Listing(present)}");
    }

    /// <summary>Up to ten names, for messages.</summary>
    public static string Listing(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? "nothing" : string.Join(", ", names.Take(10)) + (names.Count > 10 ? $", ... ({names.Count} entries)" : "");

    /// <summary>The entries of <paramref name="folder"/> (folders with a trailing '/'), for messages.</summary>
    public static string[] Entries(string folder) =>
        Directory.GetDirectories(folder).Select(d => Path.GetFileName(d) + "/")
            .Concat(Directory.GetFiles(folder).Select(f => Path.GetFileName(f)))
            .Order(StringComparer.Ordinal).ToArray();

    private static string ComponentFolder(string model, string component)
    {
        string folder = Path.Combine(model, component);
        if (!Directory.Exists(folder))
            throw new CheckpointException(model, $"{model}: has no {component}/ folder; {ExpectedModelFolder} is expected, found: {Listing(Entries(model))}");
        return folder;
    }

    private static string ConfigPath(string folder, string component)
    {
        string path = Path.Combine(folder, ConfigFile);
        if (!File.Exists(path))
            throw new CheckpointException(folder, $"{folder}: the {component} has no {ConfigFile} (diffusers folders keep each network's architecture there)");
        return Path.GetFullPath(path);
    }
}
