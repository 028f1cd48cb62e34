using Tdm.Dataset.Degradations;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Options;
using Tdm.Engine.Text;

namespace Tdm.Dataset;

/// <summary>
/// Turns task names (the choice names of <see cref="MethodOptions.Task"/>: denoise, dehaze, derain, mp4, sr) into
/// <see cref="DatasetTask"/>s captioned with the prompts inference uses (<see cref="TaskPrompts"/>), plus an optional
/// custom task: the user's prompt over a chain of those degradations ("denoise+mp4").
/// </summary>
public sealed class DatasetTasks(DegradationOptions options, FfmpegTools tools, TaskPrompts? prompts = null)
{
    private readonly TaskPrompts _prompts = prompts ?? TaskPrompts.Default;

    /// <summary>The degradation of a task name.</summary>
    public IDegradation Degradation(string name) => name switch
    {
        "denoise" => new NoiseDegradation(options.Noise),
        "dehaze" => new HazeDegradation(options.Haze),
        "derain" => new RainDegradation(options.Rain),
        "mp4" => new CompressionDegradation(options.Compression, tools),
        "sr" => new SuperResolutionDegradation(options.SuperResolution,
            new NoiseDegradation(options.SuperResolutionNoise, "sr_noise"), new CompressionDegradation(options.Compression, tools, "sr_mp4")),
        _ => throw new TdmException(TdmErrorKind.BadArgument, $"'{name}' is not a dataset task: choose from {string.Join(", ", Names)}"),
    };

    /// <summary>The task names with a degradation of their own.</summary>
    public static IReadOnlyList<string> Names { get; } =
        MethodOptions.Task.Choices.Where(c => (RestorationTask)c.Value != RestorationTask.Custom).Select(c => c.Name).ToArray();

    /// <summary>The task <paramref name="name"/>, captioned with its task prompt.</summary>
    public DatasetTask Task(string name)
    {
        var choice = MethodOptions.Task.ChoiceNamed(name);
        if (choice is null || (RestorationTask)choice.Value == RestorationTask.Custom)
            throw new TdmException(TdmErrorKind.BadArgument, $"'{name}' is not a dataset task: choose from {string.Join(", ", Names)} (or give --custom-prompt and --custom)");
        return new DatasetTask(name, _prompts.For((RestorationTask)choice.Value), [Degradation(name)]);
    }

    /// <summary>A custom task: <paramref name="prompt"/> over the degradations named in <paramref name="chain"/> ("dehaze+mp4").</summary>
    public DatasetTask Custom(string prompt, string chain)
    {
        var steps = chain.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (steps.Length == 0)
            throw new TdmException(TdmErrorKind.BadArgument, $"the custom task needs degradations, e.g. --custom denoise+mp4 (from {string.Join(", ", Names)})");
        return new DatasetTask("custom", prompt, steps.Select(Degradation).ToArray());
    }

    /// <summary>The tasks of a comma-separated list, in order, without repeats.</summary>
    public IReadOnlyList<DatasetTask> Parse(string list)
    {
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new TdmException(TdmErrorKind.BadArgument, $"--tasks '{list}' names a task twice");
        return names.Select(Task).ToArray();
    }
}
