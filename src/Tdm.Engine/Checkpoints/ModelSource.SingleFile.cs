using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

internal sealed partial class ModelSource
{
    private const string DetectedOrigin = "detected from the weights (attention heads and norm groups: SD1.5's)";
    private const string GivenOrigin = "given, checked against the weights";

    private static ModelSource OpenFile(string path, string? tokenizerPath, List<string> notes, SingleFileConfigs? configs)
    {
        using var file = SafetensorsFile.Open(path); // refuses pickles; only the header is read here
        var verdict = SingleFileProbe.Probe(file.Tensors);
        if (verdict.Kind == SingleFileKind.ControlNet)
            throw new CheckpointException(path, $"{path}: is {verdict.What}, not a Stable Diffusion checkpoint; pass it as the ControlNet");
        if (verdict.Kind == SingleFileKind.DiffusersNetwork)
            throw new CheckpointException(path, $"{path}: is {verdict.What}; pass the diffusers folder it belongs to (the one with {DiffusersFolder.ModelIndexFile})");
        if (verdict.Kind != SingleFileKind.StableDiffusion)
            throw new CheckpointException(path, $"{path}: is {verdict.What}; {ModelFamilies.Supported}");

        var unet = SingleFileUNet(file, configs?.UNet);
        var vae = SingleFileVae(file, configs?.Vae);
        var text = SingleFileTextEncoder(file, configs?.TextEncoder);
        ModelFamilies.ThrowIfNotSd1(path, unet.Config, text.Config);
        var tokenizer = FindTokenizer(path, CheckpointLayout.SingleFile, tokenizerPath);
        notes.Add($"{path}: a single file carries no scheduler config; SD1.5's schedule is used");
        if (configs?.UNet == null || configs.TextEncoder == null || configs.Vae == null)
            notes.Add($"{path}: attention heads and norm groups cannot be read from weights; SD1.5's are assumed where no config was given");
        return new ModelSource(path, CheckpointLayout.SingleFile, SupportedFamily, unet, vae, text, null,
            SchedulerConfig.StableDiffusion15, tokenizer, notes);
    }

    private static ComponentSource<ControlNetConfig> OpenControlNetFile(string path, ControlNetConfig? given)
    {
        using var file = SafetensorsFile.Open(path);
        var verdict = SingleFileProbe.Probe(file.Tensors);
        if (verdict.Kind == SingleFileKind.StableDiffusion)
            throw new CheckpointException(path, $"{path}: is a Stable Diffusion checkpoint, not a ControlNet; pass it as the model");
        if (verdict.Kind == SingleFileKind.DiffusersNetwork && verdict.Family == "ControlNet")
        {
            // One file out of a diffusers ControlNet folder: usable with the config.json beside it.
            string folder = Path.GetDirectoryName(path)!;
            if (DiffusersFolder.ConfigClassName(folder) != ControlNetConfig.DiffusersClassName)
                throw new CheckpointException(path, $"{path}: is {verdict.What} without the ControlNet config.json beside it; pass the whole diffusers ControlNet folder");
            string config = Path.Combine(folder, DiffusersFolder.ConfigFile);
            return new(ComponentNames.ControlNet, path, given ?? ControlNetConfig.Load(config), CheckpointLayout.ControlNetFolder,
                given == null ? config : null, _ => ComponentKeyMap.Diffusers, given == null ? config : "given");
        }
        if (verdict.Kind != SingleFileKind.ControlNet)
            throw new CheckpointException(path, $"{path}: is {verdict.What}, not a ControlNet; {ModelFamilies.Supported}");
        return SingleFileControlNet(file, verdict.ControlNetPrefix, given);
    }

    /// <summary>The U-Net of an SD single file: config detected (or given and checked), validated, refused when
    /// not SD1.x-shaped.</summary>
    internal static ComponentSource<UNetConfig> SingleFileUNet(SafetensorsFile file, UNetConfig? given)
    {
        string path = file.Path;
        // The family is judged from the weights first: an SD2.x file with an SD1.x config is an SD2.x file.
        var detected = SingleFileArchitecture.UNet(file.Tensors, path);
        RefuseFamily(path, ModelFamilies.OfNetworks(path, detected.CrossAttentionDim, detected.InChannels, null));
        var config = SingleFileArchitecture.Resolve(detected, given, path, ComponentNames.UNet);
        Validate(config, given != null, path, ComponentNames.UNet);
        return new(ComponentNames.UNet, path, config, CheckpointLayout.SingleFile, null, _ => LdmKeyMap.UNet(config), Origin(given));
    }

    internal static ComponentSource<VaeConfig> SingleFileVae(SafetensorsFile file, VaeConfig? given)
    {
        string path = file.Path;
        RequirePart(file, LdmKeyMap.VaePrefix, "VAE");
        var config = SingleFileArchitecture.Resolve(SingleFileArchitecture.Vae(file.Tensors, path), given, path, ComponentNames.Vae);
        Validate(config, given != null, path, ComponentNames.Vae);
        return new(ComponentNames.Vae, path, config, CheckpointLayout.SingleFile, null, _ => LdmKeyMap.Vae(config), Origin(given));
    }

    internal static ComponentSource<ClipTextConfig> SingleFileTextEncoder(SafetensorsFile file, ClipTextConfig? given)
    {
        string path = file.Path;
        RequirePart(file, LdmKeyMap.ClipPrefix, "text encoder");
        var config = SingleFileArchitecture.Resolve(SingleFileArchitecture.Clip(file.Tensors, path), given, path, ComponentNames.TextEncoder);
        Validate(config, given != null, path, ComponentNames.TextEncoder);
        return new(ComponentNames.TextEncoder, path, config, CheckpointLayout.SingleFile, null, f => LdmKeyMap.Clip(f.Tensors.Keys), Origin(given));
    }

    internal static ComponentSource<ControlNetConfig> SingleFileControlNet(SafetensorsFile file, string prefix, ControlNetConfig? given)
    {
        string path = file.Path;
        var detected = SingleFileArchitecture.ControlNet(file.Tensors, prefix, path);
        RefuseFamily(path, ModelFamilies.OfNetworks(path, detected.CrossAttentionDim, detected.InChannels, null, "ControlNet"));
        var config = SingleFileArchitecture.Resolve(detected, given, path, ComponentNames.ControlNet);
        Validate(config, given != null, path, ComponentNames.ControlNet);
        return new(ComponentNames.ControlNet, path, config, CheckpointLayout.ControlNetFile, null, _ => LdmKeyMap.ControlNet(config, prefix), Origin(given));
    }

    /// <summary>A single file's tokenizer: a tokenizer/ folder or vocab.json + merges.txt beside the checkpoint.</summary>
    private static TokenizerFiles FileTokenizer(string checkpoint)
    {
        string folder = Path.GetDirectoryName(checkpoint)!;
        return TokenizerFiles.TryFind(folder) ?? throw new CheckpointException(checkpoint,
            $"{checkpoint}: a single-file checkpoint carries no tokenizer and none is beside it (looked for " +
            $"{Path.Combine(folder, "tokenizer")}/ and {TokenizerFiles.VocabFileName} + {TokenizerFiles.MergesFileName} in {folder}). " +
            $"Copy CLIP's {TokenizerFiles.VocabFileName} and {TokenizerFiles.MergesFileName} there (every SD1.5 diffusers folder has them in tokenizer/) " +
            "or pass a tokenizer folder; TDM never downloads.");
    }

    private static void RequirePart(SafetensorsFile file, string prefix, string what)
    {
        if (!file.Tensors.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)))
            throw new CheckpointException(file.Path,
                $"{file.Path}: has no {what} ({prefix}* keys); TDM needs a complete SD1.x checkpoint (U-Net, VAE and text encoder) or a diffusers folder");
    }

    private static void RefuseFamily(string path, FamilyVerdict verdict)
    {
        if (verdict.Refusal != null)
            throw new CheckpointException(path, verdict.Refusal);
    }

    // A detected config that fails validation most likely failed on an assumed value (heads, groups): say so.
    private static void Validate(IModelConfig config, bool given, string path, string component)
    {
        try
        {
            config.Validate(path);
        }
        catch (CheckpointException e) when (!given)
        {
            throw new CheckpointException(path,
                $"{e.Message}. The {component}'s attention heads and norm groups cannot be read from the weights and SD1.5's were assumed: " +
                "pass the model's configs (a diffusers folder's config.json files)", null, e);
        }
    }

    private static string Origin(IModelConfig? given) => given == null ? DetectedOrigin : GivenOrigin;
}
