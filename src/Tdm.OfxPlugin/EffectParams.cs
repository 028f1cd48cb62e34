using Tdm.Engine.Options;
using Tdm.OfxPlugin.Host;

namespace Tdm.OfxPlugin;

/// <summary>
/// The effect's parameters. Every method option comes from the engine's <see cref="MethodOptions"/> (script name,
/// label, hint, default, hard and display ranges, choices), so the plugin and the command line cannot disagree;
/// the plugin adds only its own: the model's files, the device and the Clear cache button. Grouped for hosts that
/// show groups (Resolve) and on two pages for hosts that show pages (Natron). Script names are stable: projects saved
/// by editors refer to them, and a choice is saved as its index, so the choices' order is fixed.
/// </summary>
internal static class EffectParams
{
    public const string ModelGroup = "modelGroup";
    public const string ModelFolder = "modelFolder";
    public const string ControlNet = "controlNet";
    public const string Device = "device";
    public const string ClearCache = "clearCache";
    public const string TemporalGroup = "temporalGroup";
    public const string DiffusionGroup = "diffusionGroup";
    public const string MainPage = "restorePage";
    public const string AdvancedPage = "advancedPage";

    /// <summary>The value an optional integer parameter holds for "automatic" (OpenFX parameters cannot be empty).</summary>
    public const int Automatic = -1;

    /// <summary>The label of the extra last choice an optional choice parameter offers for "automatic".</summary>
    public const string AutomaticLabel = "Auto";

    /// <summary>Every parameter in declaration order (groups before their children, pages last).</summary>
    public static IReadOnlyList<ParamDefinition> All { get; } = Build();

    private static List<ParamDefinition> Build()
    {
        static bool OnMainPage(MethodOption o) => o.Group == "Task";
        static string? ParentOf(MethodOption o) => o.Group switch
        {
            "Task" => null,
            "Temporal" => TemporalGroup,
            _ => DiffusionGroup,
        };
        var main = MethodOptions.All.Where(OnMainPage).ToList();
        var advanced = MethodOptions.All.Where(o => !OnMainPage(o)).OrderBy(o => ParentOf(o) == TemporalGroup ? 0 : 1).ToList();

        var all = new List<ParamDefinition>();
        all.AddRange(main.Select(o => FromOption(o, null)));
        all.Add(new(ModelGroup, ParamKind.Group, "Model", "Where the model weights are and where they run."));
        all.Add(new(ModelFolder, ParamKind.String, "Model folder", "Stable Diffusion 1.5: a diffusers folder (it holds model_index.json, unet/, vae/, text_encoder/, tokenizer/).")
        {
            StringMode = StringMode.DirectoryPath, Parent = ModelGroup,
        });
        all.Add(new(ControlNet, ParamKind.String, "ControlNet", "The TDM restoration ControlNet: a diffusers folder or a .safetensors file. Empty: the model folder's controlnet/ subfolder.")
        {
            StringMode = StringMode.FilePath, Parent = ModelGroup,
        });
        all.Add(new(Device, ParamKind.Choice, "Device", "Where the model runs. Auto uses the GPU (CUDA) when its libraries are found, else the CPU (slow).")
        {
            Options = ["Auto", "CPU", "CUDA"], Parent = ModelGroup, // the order of Tdm.Engine.DeviceKind
        });
        all.Add(new(ClearCache, ParamKind.PushButton, "Clear cache", "Forgets every restored chunk; the next render computes them again."));
        all.Add(new(TemporalGroup, ParamKind.Group, "Temporal", "How neighbouring frames are kept consistent."));
        all.AddRange(advanced.Where(o => ParentOf(o) == TemporalGroup).Select(o => FromOption(o, TemporalGroup)));
        all.Add(new(DiffusionGroup, ParamKind.Group, "Diffusion", "The sampler's settings and the processing size."));
        all.AddRange(advanced.Where(o => ParentOf(o) == DiffusionGroup).Select(o => FromOption(o, DiffusionGroup)));
        // ofxParam.h: a page's children are no groups or pages; hosts nest a page's parameters by their parents.
        all.Add(new(MainPage, ParamKind.Page, "Restore", "")
        {
            Children = [.. main.Select(o => o.ScriptName), ModelFolder, ControlNet, Device, ClearCache],
        });
        all.Add(new(AdvancedPage, ParamKind.Page, "Advanced", "")
        {
            Children = [.. advanced.Where(o => ParentOf(o) == TemporalGroup).Select(o => o.ScriptName),
                .. advanced.Where(o => ParentOf(o) == DiffusionGroup).Select(o => o.ScriptName)],
        });
        return all;
    }

    // One method option as a host parameter. "Automatic" is -1 for an optional integer and an extra last choice
    // for an optional choice, so the indices of the real choices never move.
    private static ParamDefinition FromOption(MethodOption o, string? parent)
    {
        var definition = new ParamDefinition(o.ScriptName, Kind(o), o.Label, o.Help) { Parent = parent };
        var value = o.Default;
        return o.Kind switch
        {
            OptionKind.Integer => definition with
            {
                Default = value is int i ? i : Automatic,
                Min = o.IsOptional ? Automatic : o.Minimum, Max = o.Maximum,
                DisplayMin = o.IsOptional ? Automatic : o.DisplayMinimum, DisplayMax = o.DisplayMaximum,
                Hint = o.IsOptional ? $"{o.Help} {Automatic}: automatic." : o.Help,
            },
            OptionKind.Number => definition with
            {
                Default = (double)value!, Min = o.Minimum, Max = o.Maximum, DisplayMin = o.DisplayMinimum, DisplayMax = o.DisplayMaximum,
            },
            OptionKind.Choice => definition with
            {
                Options = [.. o.Choices.Select(c => c.Label), .. o.IsOptional ? [AutomaticLabel] : Array.Empty<string>()],
                Default = value is null ? o.Choices.Count : o.Choices.ToList().FindIndex(c => c.Value.Equals(value)),
            },
            OptionKind.Flag => definition with { Default = value is true ? 1 : 0 },
            _ => definition with { StringMode = StringMode.SingleLine, DefaultString = (string?)value ?? "" },
        };
    }

    private static ParamKind Kind(MethodOption o) => o.Kind switch
    {
        OptionKind.Integer => ParamKind.Integer,
        OptionKind.Number => ParamKind.Double,
        OptionKind.Choice => ParamKind.Choice,
        OptionKind.Flag => ParamKind.Boolean,
        _ => ParamKind.String,
    };
}
