using System.CommandLine;
using System.Globalization;
using Tdm.Cli.CommandLine;
using Tdm.Cli.Dataset;
using Tdm.Cli.Media;
using Tdm.Cli.Progress;
using Tdm.Dataset;
using Tdm.Dataset.Degradations;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Commands;

/// <summary>'tdm dataset build': degraded/clean training pairs for the five tasks (<see cref="DatasetBuilder"/>).</summary>
internal sealed class DatasetBuildCommand(CliConsole console, TimeProvider clock, MediaProbe probe, FfmpegTools tools) : ICommand
{
    /// <inheritdoc/>
    public string? Group => "dataset";

    /// <inheritdoc/>
    public Command Create()
    {
        var defaults = new DegradationOptions();
        var clean = new Option<string[]>("--clean")
        {
            Description = "clean images, videos, image sequence patterns (%04d) or folders of them (repeatable)",
            HelpName = "PATH",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var folder = CliOptions.Text("--out", "DIR", "the dataset folder to write or resume");
        var tasks = CliOptions.AnyText("--tasks", "LIST", $"comma-separated tasks from {string.Join(", ", DatasetTasks.Names)}", string.Join(",", DatasetTasks.Names), string.Join(",", DatasetTasks.Names));
        var perTask = CliOptions.Int("--per-task", "N", "pairs per task (the paper: about 5,000-6,000)", 5600, 1, 10_000_000);
        var seed = CliOptions.Int("--seed", "N", "seed of every crop and degradation; the same seed writes the same bytes", 0, 0, int.MaxValue);
        var size = CliOptions.Int("--size", "PX", "crop size: images are resized to this short side and cropped square (the paper's 512)", 512, 64, 4096);
        var customPrompt = CliOptions.Text("--custom-prompt", "TEXT", "the prompt of a custom task (with --custom)");
        var custom = CliOptions.Text("--custom", "A+B", "the degradations of the custom task, applied in order, e.g. dehaze+mp4");
        var noiseSigma = Range("--noise-sigma", "denoise: Gaussian sigma on 0-255", defaults.Noise.GaussianSigma);
        var poissonScale = Range("--poisson-scale", "denoise: Poisson noise scale (Real-ESRGAN's)", defaults.Noise.PoissonScale);
        var hazeAirlight = Range("--haze-airlight", "dehaze: atmospheric light A", defaults.Haze.Airlight);
        var hazeBeta = Range("--haze-beta", "dehaze: scattering coefficient beta (depth proxy 0.2-1)", defaults.Haze.Beta);
        var rainDensity = Range("--rain-density", "derain: fraction of pixels seeding a streak", defaults.Rain.Density);
        var rainLength = Range("--rain-length", "derain: streak length, pixels", defaults.Rain.Length);
        var rainWidth = Range("--rain-width", "derain: streak width, pixels", defaults.Rain.Width);
        var rainAngle = Range("--rain-angle", "derain: degrees from vertical", defaults.Rain.Angle);
        var crf = Range("--crf", "mp4: libx264 CRF", defaults.Compression.H264Crf);
        var hevc = CliOptions.Float("--hevc", "P", "mp4: chance of HEVC (libx265) instead of H.264", 0, 0, 1);
        var srFactor = CliOptions.Int("--sr-factor", "N", "sr: downscaling factor", defaults.SuperResolution.Factor, 2, 8);
        var srBlur = Range("--sr-blur", "sr: Gaussian blur sigma before downscaling, pixels", defaults.SuperResolution.BlurSigma);
        var command = new DocumentedCommand(
            "build",
            "Writes degraded/clean 512x512 training pairs for the restoration tasks, captioned with their task prompts.",
            "tdm dataset build --clean PATH... --out DIR [--tasks denoise,dehaze,derain,mp4,sr] [--per-task N] [--seed N]",
            """
            The folder is what diffusers' examples/controlnet/train_controlnet.py reads with --train_data_dir:
            images/ (targets), conditioning_images/ (degraded inputs) and metadata.jsonl (file_name,
            conditioning_image_file_name, text, task and the drawn parameters). Pairs alternate between the tasks, so
            every prefix is balanced. Run the same command again to resume an interrupted build: finished pairs are
            kept, the rest is written exactly as an uninterrupted run would. Ranges are MIN,MAX (or one value).
            """ + "\n\n" + ExitCodes.Help)
        {
            clean, folder, tasks, perTask, seed, size, customPrompt, custom, noiseSigma, poissonScale, hazeAirlight, hazeBeta,
            rainDensity, rainLength, rainWidth, rainAngle, crf, hevc, srFactor, srBlur,
        };
        command.SetAction((result, cancel) =>
        {
            var options = new DegradationOptions
            {
                Noise = defaults.Noise with { GaussianSigma = result.GetValue(noiseSigma) ?? defaults.Noise.GaussianSigma, PoissonScale = result.GetValue(poissonScale) ?? defaults.Noise.PoissonScale },
                Haze = new HazeRanges { Airlight = result.GetValue(hazeAirlight) ?? defaults.Haze.Airlight, Beta = result.GetValue(hazeBeta) ?? defaults.Haze.Beta },
                Rain = defaults.Rain with
                {
                    Density = result.GetValue(rainDensity) ?? defaults.Rain.Density, Length = result.GetValue(rainLength) ?? defaults.Rain.Length,
                    Width = result.GetValue(rainWidth) ?? defaults.Rain.Width, Angle = result.GetValue(rainAngle) ?? defaults.Rain.Angle,
                },
                Compression = defaults.Compression with { H264Crf = result.GetValue(crf) ?? defaults.Compression.H264Crf, HevcProbability = result.GetValue(hevc) },
                SuperResolution = defaults.SuperResolution with { Factor = result.GetValue(srFactor), BlurSigma = result.GetValue(srBlur) ?? defaults.SuperResolution.BlurSigma },
            };
            return Task.FromResult(Run(result.GetValue(clean) ?? [], result.GetValue(folder), result.GetValue(tasks)!, result.GetValue(perTask),
                result.GetValue(seed), result.GetValue(size), result.GetValue(customPrompt), result.GetValue(custom), options, cancel));
        });
        return command;
    }

    private int Run(string[] clean, string? folder, string taskList, int perTask, int seed, int size, string? customPrompt, string? custom,
        DegradationOptions options, CancellationToken cancel)
    {
        if (clean.Length == 0)
            throw new UsageException("no clean footage: give --clean PATH (images, videos, sequences or folders)");
        if (folder is null)
            throw new UsageException("no output folder: give --out DIR");
        if ((customPrompt is null) != (custom is null))
            throw new UsageException("a custom task needs both --custom-prompt TEXT and --custom A+B");
        var catalogue = new DatasetTasks(options, tools);
        var tasks = (taskList.Length == 0 ? [] : catalogue.Parse(taskList)).ToList();
        if (customPrompt is not null)
            tasks.Add(catalogue.Custom(customPrompt, custom!));
        if (tasks.Count == 0)
            throw new UsageException("no tasks: give --tasks LIST or a custom task");

        var source = new MediaCleanSource(clean, probe, tools);
        var fingerprint = string.Create(CultureInfo.InvariantCulture, $"degradations {options}\nsources {string.Join("|", Enumerable.Range(0, source.Count).Select(source.NameOf))}\n");
        var settings = new DatasetBuildSettings(tasks, perTask, seed, size, fingerprint);
        var progress = new PairProgressBar(console, clock);
        int written;
        try
        {
            written = new DatasetBuilder(source).Build(folder, settings, progress.Report, cancel);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TdmException(TdmErrorKind.Output, $"cannot write the dataset into '{folder}': {e.Message}", e);
        }
        console.Out.WriteLine($"wrote {written} pair(s) ({settings.Total} in all, {tasks.Count} task(s) x {perTask}) to {Path.GetFullPath(folder)}");
        return ExitCodes.Ok;
    }

    private static Option<ParameterRange?> Range(string name, string help, ParameterRange fallback) =>
        CliOptions.Parsed(name, "MIN,MAX", help, text =>
        {
            try
            {
                return ParameterRange.Parse(text, name);
            }
            catch (TdmException e)
            {
                throw new UsageException(e.Message);
            }
        }, fallback.ToString());
}
