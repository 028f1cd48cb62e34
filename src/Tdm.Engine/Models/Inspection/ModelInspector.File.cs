using Tdm.Engine.Configs;

using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Models.Inspection;

internal sealed partial class ModelInspector
{
    private ModelReport InspectFile(string path, string? tokenizerPath, SingleFileConfigs? configs, string? controlNetPath)
    {
        var problems = new List<string>();
        using var file = Try(() => SafetensorsFile.Open(path), problems);
        if (file == null)
            return new ModelReport(path, null, "unknown", false, [], problems, []);
        var verdict = SingleFileProbe.Probe(file.Tensors);
        return verdict.Kind switch
        {
            SingleFileKind.StableDiffusion => InspectSdFile(file, tokenizerPath, configs, controlNetPath),
            SingleFileKind.ControlNet => InspectControlNetFile(file, verdict, configs?.ControlNet),
            SingleFileKind.DiffusersNetwork => new ModelReport(path, null, verdict.Family, false, [],
                [$"{path}: is {verdict.What}; inspect the diffusers folder it belongs to"], []),
            _ => new ModelReport(path, null, verdict.Family, false, [], [$"{path}: is {verdict.What}; {ModelFamilies.Supported}"], []),
        };
    }

    private ModelReport InspectSdFile(SafetensorsFile file, string? tokenizerPath, SingleFileConfigs? configs, string? controlNetPath)
    {
        string path = file.Path;
        var problems = new List<string>();
        var notes = new List<string>();
        var components = new List<ComponentReport>();
        var unet = Try(() => ModelSource.SingleFileUNet(file, configs?.UNet), problems);
        var vae = Try(() => ModelSource.SingleFileVae(file, configs?.Vae), problems);
        var text = Try(() => ModelSource.SingleFileTextEncoder(file, configs?.TextEncoder), problems);
        // A refused family shows in the report even when the U-Net was refused: judge it from the raw shapes.
        FamilyVerdict verdict;
        try
        {
            var shapes = unet?.Config ?? SingleFileArchitecture.UNet(file.Tensors, path);
            verdict = ModelFamilies.OfNetworks(path, shapes.CrossAttentionDim, shapes.InChannels, text?.Config.HiddenSize);
        }
        catch (CheckpointException)
        {
            verdict = new FamilyVerdict("unknown", null); // the U-Net's problem is already in the report
        }
        AddComponent(unet, components, problems);
        AddComponent(vae, components, problems);
        AddComponent(text, components, problems);
        AddControlNet(path, controlNetPath, components, problems, notes);
        AddTokenizer(path, CheckpointLayout.SingleFile, tokenizerPath, problems, notes);
        notes.Add("scheduler: none in a single file; SD1.5's schedule is used");
        AddFileLevelNotes(file, [unet?.View(file).KeyMap, vae?.View(file).KeyMap, text?.View(file).KeyMap], notes);
        if (verdict.Refusal != null && !problems.Contains(verdict.Refusal))
            problems.Insert(0, verdict.Refusal);
        return new ModelReport(path, CheckpointLayout.SingleFile, verdict.Family, verdict.Refusal == null, components, problems, notes);
    }

    private ModelReport InspectControlNetFile(SafetensorsFile file, SingleFileVerdict probe, ControlNetConfig? given)
    {
        string path = file.Path;
        var problems = new List<string>();
        var notes = new List<string>();
        var components = new List<ComponentReport>();
        var source = Try(() => ModelSource.SingleFileControlNet(file, probe.ControlNetPrefix, given), problems);
        AddComponent(source, components, problems);
        var detected = source?.Config ?? Try(() => SingleFileArchitecture.ControlNet(file.Tensors, probe.ControlNetPrefix, path), problems);
        var verdict = detected == null ? new FamilyVerdict("unknown", null)
            : ModelFamilies.OfNetworks(path, detected.CrossAttentionDim, detected.InChannels, null, "ControlNet");
        notes.Add(probe.ControlNetPrefix.Length == 0 ? "keys without the control_model. prefix" : "keys under control_model.");
        if (source != null)
            AddFileLevelNotes(file, [source.View(file).KeyMap], notes);
        if (verdict.Refusal != null && !problems.Contains(verdict.Refusal))
            problems.Insert(0, verdict.Refusal);
        // Supported says whether TDM runs the family; a problem in the file is a problem, not another family.
        return new ModelReport(path, CheckpointLayout.ControlNetFile, "ControlNet " + verdict.Family,
            verdict.Refusal == null, components, problems, notes);
    }

    // Tensors outside every network: known non-weights (schedule buffers, EMA copy, an embedded SD model in a
    // ControlNet v1.0 file) are listed as ignored, anything else as unused.
    private static void AddFileLevelNotes(SafetensorsFile file, IEnumerable<ComponentKeyMap?> maps, List<string> notes)
    {
        var owners = maps.OfType<ComponentKeyMap>().ToList();
        var outside = file.Tensors.Keys.Where(k => !owners.Any(m => m.Owns(k))).Order(StringComparer.Ordinal).ToList();
        var ignored = outside.Where(SingleFileProbe.IsSdModelKey).ToList();
        var unused = outside.Except(ignored).ToList();
        if (ignored.Count > 0)
            notes.Add($"ignored: {ignored.Count} tensor(s) outside the networks (schedule buffers, EMA copies, an embedded SD model): {DiffusersFolder.Listing(ignored)}");
        if (unused.Count > 0)
            notes.Add($"unused: {unused.Count} tensor(s) no network uses: {DiffusersFolder.Listing(unused)}");
    }
}
