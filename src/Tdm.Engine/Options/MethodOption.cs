using System.Globalization;

namespace Tdm.Engine.Options;

/// <summary>
/// One option of the method, described once: its names in each shell, label, help, default, range and unit. The
/// engine validates settings from it, the plugin defines its parameter from it and the command line its option, and
/// the restored-chunk cache keys on its value. A value is an <see cref="int"/> (Integer), a <see cref="double"/>
/// (Number), an <see cref="OptionChoice.Value"/> (Choice), a <see cref="string"/> (Text) or a <see cref="bool"/>
/// (Flag); null means "automatic" for an <see cref="IsOptional"/> option (what that means is in its help).
/// </summary>
public sealed class MethodOption
{
    private readonly Func<RestoreSettings, object?> _get;
    private readonly Func<RestoreSettings, object?, RestoreSettings> _set;

    internal MethodOption(string name, string scriptName, string label, string help, OptionKind kind,
        Func<RestoreSettings, object?> get, Func<RestoreSettings, object?, RestoreSettings> set)
    {
        Name = name;
        ScriptName = scriptName;
        Label = label;
        Help = help;
        Kind = kind;
        _get = get;
        _set = set;
    }

    /// <summary>The command line's name without dashes ("inversion-steps"); also the option's name in cache keys.</summary>
    public string Name { get; }

    /// <summary>Other command-line names ("color-fix").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The plugin parameter's script name ("inversionSteps"): stable, because saved projects refer to it.</summary>
    public string ScriptName { get; }

    /// <summary>The label a user sees ("Inversion steps").</summary>
    public string Label { get; }

    /// <summary>One or two sentences for tooltips and --help.</summary>
    public string Help { get; }

    /// <summary>Where the option is grouped: "Task", "Temporal", "Diffusion" or "Processing".</summary>
    public string Group { get; init; } = "Diffusion";

    /// <summary>The kind of value.</summary>
    public OptionKind Kind { get; }

    /// <summary>The unit of a numeric value ("frames", "steps", "px"), or null.</summary>
    public string? Unit { get; init; }

    /// <summary>True when null is a valid value meaning "automatic".</summary>
    public bool IsOptional { get; init; }

    /// <summary>The least valid value of a numeric option.</summary>
    public double Minimum { get; init; }

    /// <summary>The greatest valid value of a numeric option.</summary>
    public double Maximum { get; init; }

    /// <summary>The range a slider shows by default (within <see cref="Minimum"/>..<see cref="Maximum"/>).</summary>
    public double DisplayMinimum { get; init; }

    /// <inheritdoc cref="DisplayMinimum"/>
    public double DisplayMaximum { get; init; }

    /// <summary>The values of a choice option, in a fixed order (plugins store the index).</summary>
    public IReadOnlyList<OptionChoice> Choices { get; init; } = [];

    /// <summary>The default value: the paper's setting, or null (automatic).</summary>
    public object? Default => _get(new RestoreSettings());

    /// <summary>The option's value in <paramref name="settings"/>.</summary>
    public object? ValueIn(RestoreSettings settings) => _get(settings);

    /// <summary><paramref name="settings"/> with this option set to <paramref name="value"/>; throws
    /// <see cref="TdmException"/> (BadArgument) with <see cref="Check"/>'s message for an invalid value.</summary>
    public RestoreSettings ApplyTo(RestoreSettings settings, object? value)
    {
        if (Check(value) is { } problem)
            throw new TdmException(TdmErrorKind.BadArgument, problem);
        return _set(settings, value);
    }

    /// <summary>Why <paramref name="value"/> is not valid for this option, or null when it is.</summary>
    public string? Check(object? value)
    {
        if (value is null)
            return IsOptional || Kind == OptionKind.Text ? null : $"{Name} needs a value";
        return Kind switch
        {
            OptionKind.Integer when value is int i => i >= Minimum && i <= Maximum ? null : $"{Name} must be {Range}, got {i}",
            OptionKind.Number when value is double d => double.IsFinite(d) && d >= Minimum && d <= Maximum ? null
                : $"{Name} must be {Range}, got {d.ToString(CultureInfo.InvariantCulture)}",
            OptionKind.Choice => Choices.Any(c => c.Value.Equals(value)) ? null
                : $"{Name} must be one of {string.Join(", ", Choices.Select(c => c.Name))}, got {value}",
            OptionKind.Text when value is string => null,
            OptionKind.Flag when value is bool => null,
            _ => $"{Name} takes {Kind.ToString().ToLowerInvariant()} values, got a {value.GetType().Name}",
        };
    }

    /// <summary>The valid range as text ("1..1000").</summary>
    public string Range => $"{Format(Minimum)}..{Format(Maximum)}";

    /// <summary>The choice standing for <paramref name="value"/>, or null.</summary>
    public OptionChoice? ChoiceOf(object? value) => value is null ? null : Choices.FirstOrDefault(c => c.Value.Equals(value));

    /// <summary>The choice named <paramref name="name"/> (ignoring case), or null.</summary>
    public OptionChoice? ChoiceNamed(string name) =>
        Choices.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A value as text, invariantly: a choice's name, "auto" for null, numbers in round-trip form.</summary>
    public string FormatValue(object? value) => value switch
    {
        null => "auto",
        _ when Kind == OptionKind.Choice => ChoiceOf(value)?.Name ?? value.ToString()!,
        double d => Format(d),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static string Format(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
