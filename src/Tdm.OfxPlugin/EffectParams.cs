using Tdm.OfxPlugin.Host;

namespace Tdm.OfxPlugin;

/// <summary>
/// The effect's parameters: script names (stable: projects saved by editors refer to them), labels, hints, defaults,
/// hard ranges and display ranges, grouped for hosts that show groups (Resolve) and on two pages for hosts that show
/// pages (Natron). Defaults are the paper's settings (10 inversion steps, 32 sampling steps, guidance 7.5, SW-CFA with
/// radius 3, short side 512).
/// </summary>
internal static class EffectParams
{
    public const string Task = "task";
    public const string Prompt = "prompt";
    public const string OutputScale = "outputScale";
    public const string ColourFix = "colourFix";
    public const string ModelGroup = "modelGroup";
    public const string ModelFolder = "modelFolder";
    public const string ControlNet = "controlNet";
    public const string Device = "device";
    public const string ClearCache = "clearCache";
    public const string TemporalGroup = "temporalGroup";
    public const string TemporalMode = "temporalMode";
    public const string WindowRadius = "windowRadius";
    public const string ChunkLength = "chunkLength";
    public const string Handles = "handles";
    public const string DiffusionGroup = "diffusionGroup";
    public const string InversionSteps = "inversionSteps";
    public const string SamplingSteps = "samplingSteps";
    public const string Guidance = "guidance";
    public const string ControlNetScale = "controlNetScale";
    public const string ShortSide = "shortSide";
    public const string MainPage = "restorePage";
    public const string AdvancedPage = "advancedPage";

    /// <summary>Output scales offered by <see cref="OutputScale"/>, in option order.</summary>
    public static readonly int[] Scales = [1, 2, 4];

    /// <summary>Every parameter in declaration order (groups before their children, pages last).</summary>
    public static IReadOnlyList<ParamDefinition> All { get; } =
    [
        new(Task, ParamKind.Choice, "Task", "What to remove. The task chooses the prompt that steers the one restoration model (Task Prompt Guidance).")
        {
            Options = ["Denoise", "Dehaze", "Derain", "MP4 artifacts", "Super-resolution", "Custom"], // RestorationTask's order
        },
        new(Prompt, ParamKind.String, "Custom prompt", "The prompt used when Task is Custom, e.g. \"remove the noise\".")
        {
            StringMode = StringMode.SingleLine,
        },
        new(OutputScale, ParamKind.Choice, "Output scale", "Super-resolution only: the output is this many times larger where the host honours a larger region of definition; elsewhere detail is restored at the timeline's size.")
        {
            Options = ["1x", "2x", "4x"],
        },
        new(ColourFix, ParamKind.Choice, "Colour fix", "Corrects colour drift after decoding: Wavelet keeps the input's low frequencies, AdaIN matches mean and spread.")
        {
            Options = ["None", "Wavelet", "AdaIN"], // ColourFix's order
        },
        new(ModelGroup, ParamKind.Group, "Model", "Where the model weights are and where they run."),
        new(ModelFolder, ParamKind.String, "Model folder", "A Stable Diffusion 1.5 folder in the diffusers layout (it holds model_index.json, unet/, vae/, text_encoder/, tokenizer/).")
        {
            StringMode = StringMode.DirectoryPath, Parent = ModelGroup,
        },
        new(ControlNet, ParamKind.String, "ControlNet", "The TDM restoration ControlNet: a diffusers folder or a .safetensors file. Empty: the model folder's controlnet/ subfolder.")
        {
            StringMode = StringMode.FilePath, Parent = ModelGroup,
        },
        new(Device, ParamKind.Choice, "Device", "Where the model runs. Auto uses the GPU (CUDA) when its libraries are found, else the CPU (slow).")
        {
            Options = ["Auto", "CPU", "CUDA"], Parent = ModelGroup, // the order of Tdm.Engine.DeviceKind
        },
        new(ClearCache, ParamKind.PushButton, "Clear cache", "Forgets every restored chunk and compiled model; the next render computes them again."),
        new(TemporalGroup, ParamKind.Group, "Temporal", "How neighbouring frames are kept consistent."),
        new(TemporalMode, ParamKind.Choice, "Temporal mode", "SW-CFA: each frame attends to the mean of its neighbours' keys and values. First frame: every frame attends to the chunk's first. Off: frames are independent.")
        {
            Options = ["SW-CFA (sliding window)", "First frame as reference", "Off"], Parent = TemporalGroup, // TemporalMode's order
        },
        new(WindowRadius, ParamKind.Integer, "Window radius", "SW-CFA window: frames i-r..i+r are averaged (3 in the paper).")
        {
            Default = 3, Min = 0, Max = 16, DisplayMin = 0, DisplayMax = 8, Parent = TemporalGroup,
        },
        new(ChunkLength, ParamKind.Integer, "Chunk length", "Frames restored together. Chunks are anchored at the clip's first frame, so every render of a frame gives the same pixels.")
        {
            Default = 16, Min = 1, Max = 256, DisplayMin = 4, DisplayMax = 64, Parent = TemporalGroup,
        },
        new(Handles, ParamKind.Integer, "Handles", "Extra frames read on each side of a chunk as context (clamped to the clip); usually the window radius.")
        {
            Default = 3, Min = 0, Max = 64, DisplayMin = 0, DisplayMax = 16, Parent = TemporalGroup,
        },
        new(DiffusionGroup, ParamKind.Group, "Diffusion", "The sampler's settings."),
        new(InversionSteps, ParamKind.Integer, "Inversion steps", "DDIM inversion steps from the degraded frame to its noise (10 in the paper).")
        {
            Default = 10, Min = 1, Max = 100, DisplayMin = 1, DisplayMax = 50, Parent = DiffusionGroup,
        },
        new(SamplingSteps, ParamKind.Integer, "Sampling steps", "DDIM sampling steps (32 in the paper); fewer is faster and coarser.")
        {
            Default = 32, Min = 1, Max = 200, DisplayMin = 4, DisplayMax = 100, Parent = DiffusionGroup,
        },
        new(Guidance, ParamKind.Double, "Guidance", "Classifier-free guidance scale (7.5 in the paper).")
        {
            Default = 7.5, Min = 0, Max = 30, DisplayMin = 1, DisplayMax = 15, Parent = DiffusionGroup,
        },
        new(ControlNetScale, ParamKind.Double, "ControlNet scale", "How strongly the degraded frame conditions the result (1 in the paper).")
        {
            Default = 1, Min = 0, Max = 2, DisplayMin = 0, DisplayMax = 2, Parent = DiffusionGroup,
        },
        new(ShortSide, ParamKind.Integer, "Processing short side", "Frames are processed with this short side (a multiple of 64; 512 in the paper) and resized back. Scaled by the host's render scale while scrubbing.")
        {
            Default = 512, Min = 64, Max = 2048, DisplayMin = 256, DisplayMax = 1024, Parent = DiffusionGroup,
        },
        new(MainPage, ParamKind.Page, "Restore", "")
        {
            Children = [Task, Prompt, OutputScale, ColourFix, ModelGroup, ModelFolder, ControlNet, Device, ClearCache],
        },
        new(AdvancedPage, ParamKind.Page, "Advanced", "")
        {
            Children = [TemporalGroup, TemporalMode, WindowRadius, ChunkLength, Handles, DiffusionGroup, InversionSteps, SamplingSteps, Guidance, ControlNetScale, ShortSide],
        },
    ];
}
