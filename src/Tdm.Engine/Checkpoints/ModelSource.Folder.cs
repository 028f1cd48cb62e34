using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

internal sealed partial class ModelSource
{
    private static ModelSource OpenFolder(string folder, string? tokenizerPath, List<string> notes)
    {
        if (!DiffusersFolder.IsModelFolder(folder))
            throw NotAModelFolder(folder);
        ModelFamilies.ThrowIfUnsupportedPipeline(folder);
        var unet = DiffusersFolder.UNet(folder);
        var vae = DiffusersFolder.Vae(folder);
        var text = DiffusersFolder.TextEncoder(folder);
        ModelFamilies.ThrowIfNotSd1(folder, unet.Config, text.Config);

        var scheduler = DiffusersFolder.Scheduler(folder);
        if (scheduler == null)
            notes.Add($"{folder}: no scheduler/{DiffusersFolder.SchedulerConfigFile}; SD1.5's schedule is used");

        var tokenizer = FindTokenizer(folder, CheckpointLayout.DiffusersFolder, tokenizerPath);

        ComponentSource<ControlNetConfig>? controlNet = null;
        string bundled = Path.Combine(folder, ComponentNames.ControlNet);
        if (File.Exists(Path.Combine(bundled, DiffusersFolder.ConfigFile)))
        {
            controlNet = DiffusersFolder.ControlNet(bundled);
            notes.Add($"{folder}: its {ComponentNames.ControlNet}/ folder is used as the ControlNet unless another is given");
        }
        return new ModelSource(folder, CheckpointLayout.DiffusersFolder, SupportedFamily, unet, vae, text, controlNet,
            scheduler ?? SchedulerConfig.StableDiffusion15, tokenizer, notes);
    }

    /// <summary>The tokenizer: the explicit folder when given, else the model's (a diffusers folder's tokenizer/,
    /// or, for a single file, a tokenizer/ folder or vocab.json + merges.txt beside it). Never downloads.</summary>
    internal static TokenizerFiles FindTokenizer(string modelPath, CheckpointLayout layout, string? tokenizerPath) =>
        ExplicitTokenizer(tokenizerPath) ?? (layout == CheckpointLayout.DiffusersFolder ? FolderTokenizer(modelPath) : FileTokenizer(modelPath));

    private static TokenizerFiles FolderTokenizer(string folder)
    {
        string tokenizer = Path.Combine(folder, "tokenizer");
        if (!Directory.Exists(tokenizer))
            throw new CheckpointException(folder,
                $"{folder}: has no tokenizer/ folder; it should hold CLIP's {TokenizerFiles.VocabFileName} and {TokenizerFiles.MergesFileName} " +
                "(copy them from the model's page or pass a tokenizer folder)");
        return TokenizerFiles.TryFind(tokenizer)
            ?? throw new CheckpointException(tokenizer,
                $"{tokenizer}: lacks {TokenizerFiles.Lacking(tokenizer)}; a tokenizer folder holds CLIP's {TokenizerFiles.VocabFileName} and {TokenizerFiles.MergesFileName} " +
                "(copy them from the model's page or pass a tokenizer folder)");
    }

    private static ComponentSource<ControlNetConfig> OpenControlNetFolder(string folder)
    {
        if (DiffusersFolder.IsModelFolder(folder))
            throw new CheckpointException(folder,
                $"{folder}: is a Stable Diffusion model folder (it has {DiffusersFolder.ModelIndexFile}), not a ControlNet; pass it as the model" +
                (File.Exists(Path.Combine(folder, ComponentNames.ControlNet, DiffusersFolder.ConfigFile))
                    ? $". Its {ComponentNames.ControlNet}/ subfolder is a ControlNet: pass {Path.Combine(folder, ComponentNames.ControlNet)}"
                    : ""));
        string? cls = DiffusersFolder.ConfigClassName(folder);
        if (cls == null)
            throw new CheckpointException(folder,
                $"{folder}: is not a ControlNet folder: {DiffusersFolder.ExpectedControlNetFolder} or a single .safetensors file is expected, " +
                $"found: {DiffusersFolder.Listing(DiffusersFolder.Entries(folder))}");
        if (cls != ControlNetConfig.DiffusersClassName)
            throw new CheckpointException(folder,
                $"{folder}: its {DiffusersFolder.ConfigFile} describes a {cls}, not a {ControlNetConfig.DiffusersClassName}; {DiffusersFolder.ExpectedControlNetFolder} is expected");
        return DiffusersFolder.ControlNet(folder);
    }

    private static CheckpointException NotAModelFolder(string folder)
    {
        string? cls = DiffusersFolder.ConfigClassName(folder);
        string what = cls switch
        {
            ControlNetConfig.DiffusersClassName => "is a ControlNet folder, not a Stable Diffusion model; pass it as the ControlNet",
            UNetConfig.DiffusersClassName or VaeConfig.DiffusersClassName or ClipTextConfig.TransformersClassName or "clip_text_model"
                => $"is one network's folder ({cls}), not a whole model; pass the folder above it (the one with {DiffusersFolder.ModelIndexFile})",
            null => $"is not a model folder: {DiffusersFolder.ExpectedModelFolder} or a single .safetensors checkpoint is expected",
            _ => $"holds a {cls} config, not a Stable Diffusion model: {DiffusersFolder.ExpectedModelFolder} is expected",
        };
        string[] checkpoints = Directory.GetFiles(folder, "*.safetensors").Select(Path.GetFileName).ToArray()!;
        string hint = cls == null && checkpoints.Length > 0 ? $"; to use a single-file checkpoint pass the file itself ({checkpoints[0]})" : "";
        return new CheckpointException(folder, $"{folder}: {what}; found: {DiffusersFolder.Listing(DiffusersFolder.Entries(folder))}{hint}");
    }
}
