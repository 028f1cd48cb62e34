using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// What the user's model paths hold: for a Stable Diffusion model (a diffusers folder or a single-file checkpoint)
/// the U-Net, VAE and text encoder with their configs, the scheduler config and the tokenizer files; optionally a
/// ControlNet (a diffusers folder or an lllyasviel-layout file). Discovery only: no weight file is kept open. Open
/// each network with <see cref="ComponentSource{TConfig}.Open"/>; whoever opens a network disposes it.
/// </summary>
internal sealed partial class ModelSource
{
    private ModelSource(string modelPath, CheckpointLayout layout, string family, ComponentSource<UNetConfig> unet,
        ComponentSource<VaeConfig> vae, ComponentSource<ClipTextConfig> textEncoder, ComponentSource<ControlNetConfig>? controlNet,
        SchedulerConfig scheduler, TokenizerFiles tokenizer, IReadOnlyList<string> notes)
    {
        ModelPath = modelPath;
        Layout = layout;
        Family = family;
        UNet = unet;
        Vae = vae;
        TextEncoder = textEncoder;
        ControlNet = controlNet;
        Scheduler = scheduler;
        Tokenizer = tokenizer;
        Notes = notes;
    }

    /// <summary>The family every model TDM runs belongs to.</summary>
    public const string SupportedFamily = "SD1.x";

    /// <summary>The model path as given, made absolute.</summary>
    public string ModelPath { get; }

    /// <summary>How the Stable Diffusion model is laid out.</summary>
    public CheckpointLayout Layout { get; }

    /// <summary>The model family (<see cref="SupportedFamily"/>; others are refused).</summary>
    public string Family { get; }

    /// <summary>The denoising U-Net.</summary>
    public ComponentSource<UNetConfig> UNet { get; }

    /// <summary>The VAE.</summary>
    public ComponentSource<VaeConfig> Vae { get; }

    /// <summary>The CLIP text encoder.</summary>
    public ComponentSource<ClipTextConfig> TextEncoder { get; }

    /// <summary>The ControlNet: the one given, else the model folder's controlnet/ when it has one, else null.</summary>
    public ComponentSource<ControlNetConfig>? ControlNet { get; }

    /// <summary>The noise schedule.</summary>
    public SchedulerConfig Scheduler { get; }

    /// <summary>The CLIP tokenizer's files.</summary>
    public TokenizerFiles Tokenizer { get; }

    /// <summary>Things the user may want to know that are not errors (defaults used, files chosen).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// Finds everything under <paramref name="modelPath"/> (and <paramref name="controlNetPath"/>). Throws
    /// <see cref="CheckpointException"/> naming the path and what was expected and found when a path is missing,
    /// is not a model, is the other kind of model (a ControlNet given as the model or the reverse), holds only pickle
    /// weights, or lacks tokenizer files.
    /// </summary>
    /// <param name="modelPath">A diffusers Stable Diffusion folder or a single-file SD1.x checkpoint.</param>
    /// <param name="controlNetPath">A ControlNet folder or file; null for none (or the model folder's controlnet/).</param>
    /// <param name="tokenizerPath">A folder with vocab.json and merges.txt (or a tokenizer/ subfolder with them);
    /// null to use the model's (for a single file: a tokenizer/ folder or the two files beside it).</param>
    /// <param name="configs">Configs for single files instead of detecting the architecture (see
    /// <see cref="SingleFileConfigs"/>); ignored for diffusers folders, which carry their own.</param>
    public static ModelSource Open(string modelPath, string? controlNetPath = null, string? tokenizerPath = null,
        SingleFileConfigs? configs = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        string full = RequireExists(modelPath, "model");
        var notes = new List<string>();
        ModelSource source = Directory.Exists(full)
            ? OpenFolder(full, tokenizerPath, notes)
            : OpenFile(full, tokenizerPath, notes, configs);
        if (controlNetPath != null)
            source = source.WithControlNet(OpenControlNet(controlNetPath, configs?.ControlNet));
        return source;
    }

    /// <summary>Finds the ControlNet at <paramref name="path"/>: a diffusers ControlNet folder, an lllyasviel file
    /// (with or without "control_model."), or a diffusers-named file with its config.json beside it. Refuses a
    /// Stable Diffusion model given as the ControlNet, saying so.</summary>
    /// <param name="path">The ControlNet folder or file.</param>
    /// <param name="config">For a single file: the config to use instead of detecting it (checked against the
    /// weights).</param>
    public static ComponentSource<ControlNetConfig> OpenControlNet(string path, ControlNetConfig? config = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = RequireExists(path, "ControlNet");
        return Directory.Exists(full) ? OpenControlNetFolder(full) : OpenControlNetFile(full, config);
    }

    private ModelSource WithControlNet(ComponentSource<ControlNetConfig>? controlNet) =>
        new(ModelPath, Layout, Family, UNet, Vae, TextEncoder, controlNet, Scheduler, Tokenizer, Notes);

    private static string RequireExists(string path, string what)
    {
        string full = Path.GetFullPath(path);
        if (RegularFile.Problem(full) is { } problem)
            throw new CheckpointException(full, RegularFile.Message(full, $"the {what} path", problem));
        if (!Directory.Exists(full) && !File.Exists(full))
        {
            string? parent = Path.GetDirectoryName(full);
            string near = parent != null && Directory.Exists(parent)
                ? $"; {parent} holds: {DiffusersFolder.Listing(DiffusersFolder.Entries(parent))}"
                : "";
            throw new CheckpointException(full, $"{full}: the {what} path does not exist{near}");
        }
        return full;
    }

    /// <summary>The tokenizer given explicitly, else null.</summary>
    private static TokenizerFiles? ExplicitTokenizer(string? tokenizerPath)
    {
        if (tokenizerPath == null)
            return null;
        string full = Path.GetFullPath(tokenizerPath);
        if (!Directory.Exists(full))
            throw new CheckpointException(full, $"{full}: the tokenizer folder does not exist (it should hold {TokenizerFiles.VocabFileName} and {TokenizerFiles.MergesFileName})");
        return TokenizerFiles.TryFind(full)
            ?? throw new CheckpointException(full, $"{full}: the tokenizer folder lacks {TokenizerFiles.Lacking(full)} (CLIP's BPE files {TokenizerFiles.VocabFileName} and {TokenizerFiles.MergesFileName} are needed)");
    }
}
