using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Tdm.Cli.CommandLine;

/// <summary>
/// Makes the options of every tdm command: the placeholder of the value, a help line ending with the accepted range
/// or choices and the default, and a parser whose every rejection names the option, the value given and what is
/// accepted (a usage error, exit code 2). Values are parsed here, not by System.CommandLine's converters, so the
/// messages are the same for every command and nothing depends on reflection (trimming, NativeAOT).
/// </summary>
internal static class CliOptions
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], <paramref name="fallback"/> when absent.</summary>
    public static Option<int> Int(string name, string valueName, string help, int fallback, int min, int max, string? defaultText = null)
    {
        var option = Valued(name, valueName, Describe(help, $"{min}..{max}", defaultText ?? fallback.ToString(s_inv)), text => ParseInt(name, text, min, max));
        option.DefaultValueFactory = _ => fallback;
        return option;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], null when absent (the default depends on other values).</summary>
    public static Option<int?> OptionalInt(string name, string valueName, string help, int min, int max, string defaultText) =>
        Valued<int?>(name, valueName, Describe(help, $"{min}..{max}", defaultText), text => ParseInt(name, text, min, max));

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>], <paramref name="fallback"/> when absent.</summary>
    public static Option<float> Float(string name, string valueName, string help, float fallback, float min, float max)
    {
        var range = string.Create(s_inv, $"{min}..{max}");
        var option = Valued(name, valueName, Describe(help, range, fallback.ToString(s_inv)), text =>
            float.TryParse(text, NumberStyles.Float, s_inv, out var value) && float.IsFinite(value) && value >= min && value <= max
                ? value
                : throw new UsageException(string.Create(s_inv, $"{name} must be a number from {min} to {max}, got '{text}'")));
        option.DefaultValueFactory = _ => fallback;
        return option;
    }

    /// <summary>One of the named choices (case-insensitive), <paramref name="fallback"/> when absent.</summary>
    /// <remarks>Not for bool: System.CommandLine takes an option of bool for a flag and would not read its value.</remarks>
    public static Option<T> Choice<T>(string name, string help, IReadOnlyList<KeyValuePair<string, T>> choices, T fallback)
    {
        var defaultText = choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, fallback)).Key;
        var option = Valued(name, Placeholder(choices), Describe(help, null, defaultText), text => PickChoice(name, text, choices));
        option.DefaultValueFactory = _ => fallback;
        Complete(option, choices);
        return option;
    }

    /// <summary>One of the named choices (case-insensitive), null when absent (the default depends on other values).</summary>
    public static Option<T?> OptionalChoice<T>(string name, string help, IReadOnlyList<KeyValuePair<string, T>> choices, string? defaultText = null)
        where T : struct
    {
        var option = Valued<T?>(name, Placeholder(choices), Describe(help, null, defaultText), text => PickChoice(name, text, choices));
        Complete(option, choices);
        return option;
    }

    /// <summary>One of the named choices (case-insensitive), null when absent; for the engine's catalogue, whose
    /// choice values are objects.</summary>
    public static Option<object?> OptionalChoice(string name, string help, IReadOnlyList<KeyValuePair<string, object>> choices, string? defaultText = null)
    {
        var option = Valued<object?>(name, Placeholder(choices), Describe(help, null, defaultText), text => PickChoice(name, text, choices));
        Complete(option, choices);
        return option;
    }

    /// <summary>Any text, the empty string included; null when absent.</summary>
    public static Option<string?> OptionalText(string name, string valueName, string help, string? defaultText = null) =>
        Valued<string?>(name, valueName, Describe(help, null, defaultText), text => text);

    /// <summary>Text that must not be empty (a path, a prompt); null when absent.</summary>
    public static Option<string?> Text(string name, string valueName, string help, string? defaultText = null) =>
        Valued<string?>(name, valueName, Describe(help, null, defaultText), text =>
            text.Length > 0 ? text : throw new UsageException($"{name} needs a non-empty value"));

    /// <summary>Any text, the empty string included; <paramref name="fallback"/> when absent.</summary>
    public static Option<string> AnyText(string name, string valueName, string help, string fallback, string defaultText)
    {
        var option = Valued(name, valueName, Describe(help, null, defaultText), text => text);
        option.DefaultValueFactory = _ => fallback;
        return option;
    }

    /// <summary>A value of its own syntax (a frame range, a size); <paramref name="parse"/> throws a <see cref="UsageException"/> for a bad one.</summary>
    public static Option<T?> Parsed<T>(string name, string valueName, string help, Func<string, T> parse, string? defaultText = null)
        where T : struct =>
        Valued<T?>(name, valueName, Describe(help, null, defaultText), text => parse(text));

    /// <summary>A flag: present or not, and it takes no value.</summary>
    public static Option<bool> Flag(string name, string help)
    {
        var option = new Option<bool>(name) { Description = help, Arity = ArgumentArity.Zero };
        option.Validators.Add(RejectRepeats);
        return option;
    }

    /// <summary>Adds an alias ("--color-fix" for "--colour-fix"); returns the option.</summary>
    public static Option<T> WithAlias<T>(this Option<T> option, string alias)
    {
        option.Aliases.Add(alias);
        return option;
    }

    /// <summary>The message for an option given more than once.</summary>
    public static string GivenTwice(Option option, Command? command) =>
        $"{option.Name} is given twice; give it once ('{(command is null ? "tdm" : CommandPath.Of(command))} --help' lists the options)";

    /// <summary>"--name" with its aliases and placeholder, as the help lists it: "-o, --output OUTPUT".</summary>
    public static string Label(Option option)
    {
        var names = string.Join(", ", [.. option.Aliases.OrderBy(a => a.Length), option.Name]);
        return option.Arity.MaximumNumberOfValues == 0 || option.HelpName is null ? names : $"{names} {option.HelpName}";
    }

    private static Option<T> Valued<T>(string name, string valueName, string description, Func<string, T> parse)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = valueName,
            Arity = ArgumentArity.ExactlyOne,
            // A bad value is an error of the parse, listed with the others; parsing never throws (completion parses
            // half-typed command lines too).
            CustomParser = result =>
            {
                try
                {
                    return parse(result.Tokens[^1].Value);
                }
                catch (UsageException e)
                {
                    result.AddError(e.Message);
                    return default!;
                }
            },
        };
        option.Validators.Add(RejectRepeats);
        return option;
    }

    private static void RejectRepeats(OptionResult result)
    {
        if (result.IdentifierTokenCount > 1)
            result.AddError(GivenTwice(result.Option, result.Parent is CommandResult c ? c.Command : null));
    }

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, s_inv, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{name} must be a whole number from {min} to {max}, got '{text}'");

    private static T PickChoice<T>(string name, string text, IReadOnlyList<KeyValuePair<string, T>> choices)
    {
        foreach (var (key, value) in choices)
            if (string.Equals(key, text, StringComparison.OrdinalIgnoreCase))
                return value;
        throw new UsageException($"{name} must be one of {string.Join(", ", choices.Select(c => c.Key))}; got '{text}'");
    }

    // Completion offers the words the option accepts, not System.CommandLine's guess from the type (enum names).
    private static void Complete<T>(Option option, IReadOnlyList<KeyValuePair<string, T>> choices)
    {
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. choices.Select(c => c.Key)]);
    }

    private static string Placeholder<T>(IReadOnlyList<KeyValuePair<string, T>> choices) => string.Join('|', choices.Select(c => c.Key));

    // "DDIM sampling steps (1..1000; default 32)": the accepted values and the default end every help line.
    private static string Describe(string help, string? range, string? defaultText)
    {
        string[] notes = [.. new[] { range, defaultText is null ? null : "default " + defaultText }.OfType<string>()];
        return notes.Length == 0 ? help : $"{help} ({string.Join("; ", notes)})";
    }
}
