using System.CommandLine;
using Tdm.Cli.CommandLine;
using Tdm.Cli.Media;
using Tdm.Cli.Progress;
using Tdm.Cli.Restore;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Options;

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

    private static readonly KeyValuePair<string, DeviceKind>[] s_devices =
        [new("auto", DeviceKind.Auto), new("cuda", DeviceKind.Cuda), new("cpu", DeviceKind.Cpu)];

    // Boxed: System.CommandLine reads an Option<bool> as a flag and would refuse its value ("--scene-cuts off").
    private static readonly KeyValuePair<string, object>[] s_onOff = [new("on", true), new("off", false)];

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
    /// The method's options, made from the engine's catalogue (<see cref="Engine.Options.MethodOptions"/>: name, help,
    /// range, default), then the device's. <see cref="ReadMethod"/> reads them back.
    /// </summary>
    public static IReadOnlyList<Option> MethodOptions() => [.. s_method.Select(m => m.Option), .. DeviceOptions()];

    // Each catalogue option as a command-line option and how its value is read back in the catalogue's terms.
    private static readonly (MethodOption Method, Option Option, Func<ParseResult, object?> Read)[] s_method =
        [.. Engine.Options.MethodOptions.All.Select(FromCatalogue)];

    private static (MethodOption, Option, Func<ParseResult, object?>) FromCatalogue(MethodOption m)
    {
        string name = "--" + m.Name;
        string help = m.Help.TrimEnd('.'); // the range and default follow in parentheses
        string placeholder = m.Unit switch { "px" => "PX", "steps" or "frames" => "N", _ => "X" };
        Option<T> Alias<T>(Option<T> o)
        {
            foreach (var alias in m.Aliases)
                o.WithAlias("--" + alias);
            return o;
        }
        switch (m.Kind)
        {
            case OptionKind.Integer when m.IsOptional:
                var optionalInt = Alias(CliOptions.OptionalInt(name, placeholder, help, (int)m.Minimum, (int)m.Maximum, "automatic"));
                return (m, optionalInt, r => r.GetValue(optionalInt));
            case OptionKind.Integer:
                var integer = Alias(CliOptions.Int(name, placeholder, help, (int)m.Default!, (int)m.Minimum, (int)m.Maximum));
                return (m, integer, r => r.GetValue(integer));
            case OptionKind.Number:
                var number = Alias(CliOptions.Float(name, "X", help, (float)(double)m.Default!, (float)m.Minimum, (float)m.Maximum));
                return (m, number, r => (double)r.GetValue(number));
            // The task is optional on the command line: a --prompt alone is the custom task.
            case OptionKind.Choice when m.IsOptional || m == Engine.Options.MethodOptions.Task:
                var optionalChoice = Alias(CliOptions.OptionalChoice(name, help, Pairs(m), m == Engine.Options.MethodOptions.Task ? "custom with --prompt" : "automatic"));
                return (m, optionalChoice, r => r.GetValue(optionalChoice));
            case OptionKind.Choice:
                var choice = Alias(CliOptions.Choice(name, help, Pairs(m), m.Default!));
                return (m, choice, r => r.GetValue(choice));
            case OptionKind.Flag when m.Default is true:
                var onOff = Alias(CliOptions.Choice<object>(name, help, s_onOff, true));
                return (m, onOff, r => (bool)r.GetValue(onOff)!);
            case OptionKind.Flag:
                var flag = Alias(CliOptions.Flag(name, help));
                return (m, flag, r => r.GetValue(flag));
            default:
                var text = Alias(CliOptions.OptionalText(name, "TEXT", help, m.Default is string { Length: > 0 } d ? d : "none"));
                return (m, text, r => r.GetValue(text));
        }
    }

    private static KeyValuePair<string, object>[] Pairs(MethodOption m) => [.. m.Choices.Select(c => new KeyValuePair<string, object>(c.Name, c.Value))];

    private static IEnumerable<Option> DeviceOptions() =>
    [
        CliOptions.Choice("--device", "where the networks run: auto, cuda or cpu", s_devices, DeviceKind.Auto),
        CliOptions.Int("--device-index", "N", "which CUDA device", 0, 0, 64),
        CliOptions.Int("--threads", "N", "CPU threads per operator; fix it for bit-identical CPU runs", 0, 0, 1024, "0, the runtime's choice"),
    ];

    /// <summary>The method's settings and the engine's device from the options of <see cref="MethodOptions"/>.</summary>
    public static (RestoreSettings Settings, EngineOptions Engine) ReadMethod(ParseResult result)
    {
        var settings = new RestoreSettings();
        foreach (var (method, _, read) in s_method)
        {
            var value = read(result);
            if (method == Engine.Options.MethodOptions.Task)
                value ??= settings.Prompt is null && result.GetValue<string?>("--prompt") is null
                    ? throw new UsageException("no task: give --task denoise|dehaze|derain|mp4|sr, or a --prompt of your own")
                    : RestorationTask.Custom;
            if (value is not null || method.IsOptional || method.Kind == OptionKind.Text)
                settings = method.ApplyTo(settings, value);
        }
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
