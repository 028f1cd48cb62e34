using System.CommandLine;
using Tdm.Cli.CommandLine;
using Tdm.Cli.Media;
using Tdm.Cli.Progress;
using Tdm.Cli.Restore;
using Tdm.Engine;

namespace Tdm.Cli.Commands;

/// <summary>
/// The command line of 'tdm restore' and its translation into a <see cref="RestoreRequest"/>. The method's options
/// (what the restoration computes) are made from one table, <see cref="MethodOptions"/>, and read in one place,
/// <see cref="ReadMethod"/>; the job's options (what is read and written, and how) are kept apart from them.
/// </summary>
internal static class RestoreCommandLine
{
    /// <summary>The environment variable naming the default model folder.</summary>
    public const string ModelVariable = "TDM_MODEL";

    private const string Input = "INPUT";

    private static readonly KeyValuePair<string, RestorationTask>[] s_tasks =
    [
        new("denoise", RestorationTask.Denoise),
        new("dehaze", RestorationTask.Dehaze),
        new("derain", RestorationTask.Derain),
        new("mp4", RestorationTask.Mp4Artifacts),
        new("sr", RestorationTask.SuperResolution),
    ];

    private static readonly KeyValuePair<string, TemporalMode>[] s_temporal =
        [new("swcfa", TemporalMode.SwCfa), new("first", TemporalMode.FirstFrame), new("off", TemporalMode.Off)];

    private static readonly KeyValuePair<string, ColourFix>[] s_colourFix =
        [new("none", ColourFix.None), new("wavelet", ColourFix.Wavelet), new("adain", ColourFix.AdaIn)];

    private static readonly KeyValuePair<string, DeviceKind>[] s_devices =
        [new("auto", DeviceKind.Auto), new("cuda", DeviceKind.Cuda), new("cpu", DeviceKind.Cpu)];

    private static readonly KeyValuePair<string, int>[] s_scales = [new("1", 1), new("2", 2), new("4", 4)];

    private static readonly KeyValuePair<string, ProgressMode>[] s_progress =
        [new("bar", ProgressMode.Bar), new("json", ProgressMode.Json), new("none", ProgressMode.None)];

    private static readonly KeyValuePair<string, SampleDepth>[] s_depths =
        [new("8", SampleDepth.Bits8), new("16", SampleDepth.Bits16), new("half", SampleDepth.Half), new("float", SampleDepth.Float)];

    /// <summary>The command with its argument and every option; <see cref="RestoreCommand"/> gives it its action.</summary>
    public static DocumentedCommand Create()
    {
        var command = new DocumentedCommand(
            "restore",
            "Restores a video file or an image sequence with TDM (Stable Diffusion 1.5 + a restoration ControlNet).",
            "tdm restore INPUT -o OUTPUT --task denoise|dehaze|derain|mp4|sr [options]",
            """
            Render farms: split a job into --frames ranges. Each frame is computed from the same chunk of the clip
            whichever range asked for it, so the ranges assemble into the same pixels as one whole run. Image sequence
            outputs are named by the input's frame numbers. Frames are written atomically; Ctrl-C or SIGTERM stops
            between diffusion steps, and running the same command again skips the frames already written. A video
            output is rendered into OUTPUT.frames/ beside it and encoded (with the input's audio) when complete.

            --progress json events: started, progress {frame, framesDone, framesTotal, secondsPerFrame, eta},
            frame-written {frame, path}, encoding, done, error {exitCode, message}.

            Examples:
              tdm restore clip.mp4 -o clean.mp4 --task denoise --model ~/models/sd15 --controlnet ~/models/tdm
              tdm restore 'scan/f_%05d.tif' -o 'out/f_%05d.tif' --task dehaze --frames 1001-1100 --progress json
            """ + "\n\n" + ExitCodes.Help);
        command.Arguments.Add(new Argument<string>(Input) { Description = "a video file, or an image sequence pattern such as in_%04d.png" });
        foreach (var option in JobOptions().Concat(MethodOptions()))
            command.Options.Add(option);
        return command;
    }

    /// <summary>
    /// The method's options, one row each (name, placeholder, help, range or choices, default), in the order --help
    /// lists them. The engine's catalogue of settings is to generate these rows; <see cref="ReadMethod"/> reads them.
    /// </summary>
    public static IReadOnlyList<Option> MethodOptions() =>
    [
        CliOptions.OptionalChoice("--task", "denoise, dehaze, derain, mp4 (compression artifacts) or sr (super-resolution)", s_tasks),
        CliOptions.Text("--prompt", "TEXT", "a prompt of your own (replaces the task's prompt; without --task it is the whole task)"),
        CliOptions.AnyText("--negative-prompt", "TEXT", "negative prompt for classifier-free guidance", "", "empty"),
        CliOptions.Int("--inversion-steps", "N", "DDIM inversion steps", 10, 1, 1000),
        CliOptions.Int("--steps", "N", "DDIM sampling steps", 32, 1, 1000),
        CliOptions.Float("--guidance", "G", "classifier-free guidance scale", 7.5f, 0, 50),
        CliOptions.Float("--controlnet-scale", "S", "ControlNet conditioning scale", 1, 0, 5),
        CliOptions.Choice("--temporal", "swcfa (sliding-window cross-frame attention), first (first-frame reference) or off", s_temporal, TemporalMode.SwCfa),
        CliOptions.Int("--radius", "R", "SW-CFA window radius in frames", 3, 0, 64),
        CliOptions.Flag("--mix-controlnet", "apply the temporal mode inside the ControlNet too"),
        CliOptions.Int("--chunk", "N", "frames per chunk of the fixed chunk grid", 16, 1, 256),
        CliOptions.OptionalInt("--handles", "H", "context frames read on each side of a chunk", 0, 64, "the radius with swcfa, else 0"),
        CliOptions.Int("--short-side", "PX", "processing size: short side in pixels, rounded to a multiple of 64", 512, 64, 4096),
        CliOptions.OptionalChoice("--scale", "output scale", s_scales, "2 for --task sr, else 1"),
        CliOptions.Choice("--colour-fix", "correct the VAE's colour drift: none, wavelet or adain", s_colourFix, ColourFix.None).WithAlias("--color-fix"),
        CliOptions.Choice("--device", "where the networks run: auto, cuda or cpu", s_devices, DeviceKind.Auto),
        CliOptions.Int("--device-index", "N", "which CUDA device", 0, 0, 64),
        CliOptions.Int("--threads", "N", "CPU threads per operator; fix it for bit-identical CPU runs", 0, 0, 1024, "0, the runtime's choice"),
    ];

    /// <summary>The method's settings and the engine's device from the options of <see cref="MethodOptions"/>.</summary>
    public static (RestoreSettings Settings, EngineOptions Engine) ReadMethod(ParseResult result)
    {
        var prompt = result.GetValue<string?>("--prompt");
        var task = result.GetValue<RestorationTask?>("--task");
        if (task is null && prompt is null)
            throw new UsageException("no task: give --task denoise|dehaze|derain|mp4|sr, or a --prompt of your own");
        var settings = new RestoreSettings
        {
            Task = task ?? RestorationTask.Custom,
            Prompt = prompt,
            NegativePrompt = result.GetValue<string>("--negative-prompt") ?? "",
            InversionSteps = result.GetValue<int>("--inversion-steps"),
            SamplingSteps = result.GetValue<int>("--steps"),
            Guidance = result.GetValue<float>("--guidance"),
            ControlNetScale = result.GetValue<float>("--controlnet-scale"),
            Temporal = result.GetValue<TemporalMode>("--temporal"),
            Radius = result.GetValue<int>("--radius"),
            MixInControlNet = result.GetValue<bool>("--mix-controlnet"),
            ChunkLength = result.GetValue<int>("--chunk"),
            Handles = result.GetValue<int?>("--handles"),
            ShortSide = result.GetValue<int>("--short-side"),
            Scale = result.GetValue<int?>("--scale") ?? (task == RestorationTask.SuperResolution ? 2 : 1),
            ColourFix = result.GetValue<ColourFix>("--colour-fix"),
        };
        var engine = new EngineOptions
        {
            Device = result.GetValue<DeviceKind>("--device"),
            DeviceIndex = result.GetValue<int>("--device-index"),
            IntraOpThreads = result.GetValue<int>("--threads"),
        };
        return (settings, engine);
    }

    /// <summary>Validates a parsed 'tdm restore' into a request; what is missing is a <see cref="UsageException"/>.</summary>
    public static RestoreRequest Read(ParseResult result, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var output = result.GetValue<string?>("--output")
            ?? throw new UsageException("no output: give -o OUTPUT (a video file, or an image sequence pattern such as out_%04d.png)");
        var (settings, engine) = ReadMethod(result);
        var model = result.GetValue<string?>("--model") ?? (environment(ModelVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null)
            ?? throw new UsageException($"no model: give --model DIR (a Stable Diffusion 1.5 folder in the diffusers layout) or set ${ModelVariable}; 'tdm models synth --arch tiny --seed 1 --out DIR' makes a small random one that proves the pipeline");

        return new RestoreRequest
        {
            Input = result.GetValue<string>(Input)!,
            Output = output,
            Frames = result.GetValue<FrameRange?>("--frames"),
            Settings = settings,
            Model = new ModelPaths(model, result.GetValue<string?>("--controlnet"), result.GetValue<string?>("--tokenizer")),
            Engine = engine with { CacheDirectory = result.GetValue<string?>("--cache-dir") },
            Progress = result.GetValue<ProgressMode>("--progress"),
            Overwrite = result.GetValue<bool>("--overwrite"),
            Depth = result.GetValue<SampleDepth?>("--depth"),
            SequenceRate = result.GetValue<FrameRate?>("--fps"),
        };
    }

    // What is read and written, and how the job runs: not part of the method.
    private static IReadOnlyList<Option> JobOptions() =>
    [
        CliOptions.Text("--output", "OUTPUT", "video file (.mp4 .mov .mkv .webm .avi) or image sequence pattern (out_%04d.png|.tif|.exr)").WithAlias("-o"),
        CliOptions.Parsed("--frames", "A-B", "restore only input frames A to B, inclusive: a sequence's file numbers, a video's from 0", text => FrameRange.Parse(text), "every frame"),
        CliOptions.Text("--model", "PATH", "Stable Diffusion 1.5: a diffusers folder or a single .safetensors checkpoint", "$" + ModelVariable),
        CliOptions.Text("--controlnet", "PATH", "restoration ControlNet: a diffusers folder or an lllyasviel .safetensors file", "MODEL/controlnet"),
        CliOptions.Text("--tokenizer", "DIR", "CLIP tokenizer folder, vocab.json + merges.txt; a single-file model needs one beside it or here", "the model's"),
        CliOptions.OptionalChoice("--depth", "image sequence output depth", s_depths, "the input's, as the format allows"),
        CliOptions.Parsed("--fps", "RATE", "frame rate of an image sequence input, e.g. 25 or 24000/1001", ParseRate, "24"),
        CliOptions.Text("--cache-dir", "DIR", "where compiled graphs are cached", "the engine's"),
        CliOptions.Choice("--progress", "bar (stderr), json (one event per line on stdout) or none", s_progress, ProgressMode.Bar),
        CliOptions.Flag("--overwrite", "render frames again even when they exist (default: skip them, which resumes a run)"),
    ];

    private static FrameRate ParseRate(string text) =>
        FrameRate.Parse(text) ?? throw new UsageException($"--fps must be a positive frame rate such as 25, 29.97 or 30000/1001, got '{text}'");
}
