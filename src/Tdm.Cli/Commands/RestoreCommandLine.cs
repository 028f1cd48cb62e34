using Tdm.Cli.Arguments;
using Tdm.Cli.Media;
using Tdm.Cli.Progress;
using Tdm.Cli.Restore;
using Tdm.Engine;

namespace Tdm.Cli.Commands;

/// <summary>The options of 'tdm restore' and their translation into a <see cref="RestoreRequest"/>.</summary>
internal static class RestoreCommandLine
{
    /// <summary>The environment variable naming the default model folder.</summary>
    public const string ModelVariable = "TDM_MODEL";

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

    /// <summary>The command's spec: options, usage and help.</summary>
    public static readonly CommandSpec Spec = new(
        "restore",
        "tdm restore INPUT -o OUTPUT --task denoise|dehaze|derain|mp4|sr [options]",
        "Restores a video file or an image sequence with TDM (Stable Diffusion 1.5 + a restoration ControlNet).",
        [
            new("--output", "OUTPUT", "video file (.mp4 .mov .mkv .webm .avi) or image sequence pattern (out_%04d.png|.tif|.exr)", "-o"),
            new("--task", "TASK", "denoise, dehaze, derain, mp4 (compression artifacts) or sr (super-resolution)"),
            new("--prompt", "TEXT", "a prompt of your own (replaces the task's prompt; without --task it is the whole task)"),
            new("--negative-prompt", "TEXT", "negative prompt for classifier-free guidance (default: empty)"),
            new("--model", "PATH", $"Stable Diffusion 1.5: a diffusers folder or a single .safetensors checkpoint (default: ${ModelVariable})"),
            new("--controlnet", "PATH", "restoration ControlNet: a diffusers folder or an lllyasviel .safetensors file (default: MODEL/controlnet)"),
            new("--tokenizer", "DIR", "CLIP tokenizer folder, vocab.json + merges.txt (default: the model's; a single file needs one beside it or here)"),
            new("--frames", "A-B", "restore only input frames A to B (inclusive; a sequence's file numbers, a video's from 0)"),
            new("--handles", "H", "context frames read on each side of a chunk (default: the radius with swcfa, else 0)"),
            new("--scale", "1|2|4", "output scale (default: 2 for --task sr, else 1)"),
            new("--device", "DEVICE", "auto, cuda or cpu (default auto)"),
            new("--device-index", "N", "which CUDA device (default 0)"),
            new("--inversion-steps", "N", "DDIM inversion steps (default 10)"),
            new("--steps", "N", "DDIM sampling steps (default 32)"),
            new("--guidance", "G", "classifier-free guidance scale (default 7.5)"),
            new("--controlnet-scale", "S", "ControlNet conditioning scale (default 1)"),
            new("--temporal", "MODE", "swcfa (sliding-window cross-frame attention), first (first-frame reference) or off"),
            new("--radius", "R", "SW-CFA window radius in frames (default 3)"),
            new("--mix-controlnet", null, "apply the temporal mode inside the ControlNet too"),
            new("--chunk", "N", "frames per chunk of the fixed chunk grid (default 16)"),
            new("--colour-fix", "FIX", "none, wavelet or adain: correct the VAE's colour drift (default none)", "--color-fix"),
            new("--short-side", "PX", "processing size: short side in pixels, rounded to a multiple of 64 (default 512)"),
            new("--depth", "D", "image sequence output depth: 8, 16, half or float (default: the input's, as the format allows)"),
            new("--fps", "RATE", "frame rate of an image sequence input, e.g. 25 or 24000/1001 (default 24)"),
            new("--cache-dir", "DIR", "where compiled graphs are cached (default: the engine's)"),
            new("--threads", "N", "CPU threads per operator (default: the runtime's choice; fix it for bit-identical CPU runs)"),
            new("--progress", "MODE", "bar (stderr), json (one event per line on stdout) or none (default bar)"),
            new("--overwrite", null, "render frames again even when they exist (default: skip them, which resumes a run)"),
        ],
        MinPositionals: 1,
        MaxPositionals: 1,
        Details: """
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

    /// <summary>Validates <paramref name="args"/> into a request; bad values are a <see cref="UsageException"/>.</summary>
    public static RestoreRequest Parse(ParsedArguments args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var output = args.NonEmpty("--output") ?? throw new UsageException("no output: give -o OUTPUT (a video file, or an image sequence pattern such as out_%04d.png)");
        var prompt = args.NonEmpty("--prompt");
        if (!args.Has("--task") && prompt is null)
            throw new UsageException("no task: give --task denoise|dehaze|derain|mp4|sr, or a --prompt of your own");
        var task = args.Choice("--task", RestorationTask.Custom, s_tasks);

        var model = args.NonEmpty("--model") ?? (environment(ModelVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        if (model is null)
            throw new UsageException($"no model: give --model DIR (a Stable Diffusion 1.5 folder in the diffusers layout) or set ${ModelVariable}; 'tdm models synth --arch tiny --seed 1 --out DIR' makes a small random one that proves the pipeline");

        var settings = new RestoreSettings
        {
            Task = task,
            Prompt = prompt,
            NegativePrompt = args.String("--negative-prompt") ?? "",
            InversionSteps = args.Int("--inversion-steps", 10, 1, 1000),
            SamplingSteps = args.Int("--steps", 32, 1, 1000),
            Guidance = args.Float("--guidance", 7.5f, 0f, 50f),
            ControlNetScale = args.Float("--controlnet-scale", 1f, 0f, 5f),
            Temporal = args.Choice("--temporal", TemporalMode.SwCfa, s_temporal),
            Radius = args.Int("--radius", 3, 0, 64),
            MixInControlNet = args.Flag("--mix-controlnet"),
            ChunkLength = args.Int("--chunk", 16, 1, 256),
            Handles = args.OptionalInt("--handles", 0, 64),
            ShortSide = args.Int("--short-side", 512, 64, 4096),
            Scale = args.Choice("--scale", task == RestorationTask.SuperResolution ? 2 : 1, s_scales),
            ColourFix = args.Choice("--colour-fix", ColourFix.None, s_colourFix),
        };

        var rate = args.String("--fps") is { } fps
            ? FrameRate.Parse(fps) ?? throw new UsageException($"--fps must be a positive frame rate such as 25, 29.97 or 30000/1001, got '{fps}'")
            : (FrameRate?)null;
        return new RestoreRequest
        {
            Input = args.Positionals[0],
            Output = output,
            Frames = args.String("--frames") is { } frames ? FrameRange.Parse(frames) : null,
            Settings = settings,
            Model = new ModelPaths(model, args.NonEmpty("--controlnet"), args.NonEmpty("--tokenizer")),
            Engine = new EngineOptions
            {
                Device = args.Choice("--device", DeviceKind.Auto, s_devices),
                DeviceIndex = args.Int("--device-index", 0, 0, 64),
                CacheDirectory = args.NonEmpty("--cache-dir"),
                IntraOpThreads = args.Int("--threads", 0, 0, 1024),
            },
            Progress = args.Choice("--progress", ProgressMode.Bar, s_progress),
            Overwrite = args.Flag("--overwrite"),
            Depth = args.Has("--depth") ? args.Choice("--depth", SampleDepth.Bits8, s_depths) : null,
            SequenceRate = rate,
        };
    }
}
