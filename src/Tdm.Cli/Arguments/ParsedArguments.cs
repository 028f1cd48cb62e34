using System.Globalization;

namespace Tdm.Cli.Arguments;

/// <summary>
/// A parsed command line with typed, validated getters. Every getter that rejects a value throws a
/// <see cref="UsageException"/> naming the option, the value given and the accepted range or choices.
/// </summary>
internal sealed class ParsedArguments(
    CommandSpec spec,
    IReadOnlyList<string> positionals,
    IReadOnlyDictionary<string, string> values,
    IReadOnlySet<string> flags,
    bool helpRequested)
{
    /// <summary>The command these arguments were parsed for.</summary>
    public CommandSpec Spec { get; } = spec;

    /// <summary>The arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals { get; } = positionals;

    /// <summary>Whether --help or -h was given.</summary>
    public bool HelpRequested { get; } = helpRequested;

    /// <summary>Whether the option was given (a flag, or an option with a value).</summary>
    public bool Has(string name) => values.ContainsKey(name) || flags.Contains(name);

    /// <summary>Whether the flag was given.</summary>
    public bool Flag(string name) => flags.Contains(name);

    /// <summary>The option's raw value, or null when absent.</summary>
    public string? String(string name) => values.TryGetValue(name, out var value) ? value : null;

    /// <summary>The option's value, which must not be empty; <paramref name="fallback"/> when absent.</summary>
    public string? NonEmpty(string name, string? fallback = null)
    {
        var value = String(name);
        if (value is null)
            return fallback;
        if (value.Length == 0)
            throw new UsageException($"{name} needs a non-empty value");
        return value;
    }

    /// <summary>An integer in [min, max]; <paramref name="fallback"/> when absent.</summary>
    public int Int(string name, int fallback, int min, int max)
    {
        var text = String(name);
        if (text is null)
            return fallback;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new UsageException($"{name} must be a whole number from {min} to {max}, got '{text}'");
        return value;
    }

    /// <summary>An optional integer in [min, max]; null when absent.</summary>
    public int? OptionalInt(string name, int min, int max) => Has(name) ? Int(name, 0, min, max) : null;

    /// <summary>A finite number in [min, max]; <paramref name="fallback"/> when absent.</summary>
    public float Float(string name, float fallback, float min, float max)
    {
        var text = String(name);
        if (text is null)
            return fallback;
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value) || value < min || value > max)
            throw new UsageException($"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
        return value;
    }

    /// <summary>One of the named choices (case-insensitive); <paramref name="fallback"/> when absent.</summary>
    public T Choice<T>(string name, T fallback, IReadOnlyList<KeyValuePair<string, T>> choices)
    {
        var text = String(name);
        if (text is null)
            return fallback;
        foreach (var (key, value) in choices)
            if (string.Equals(key, text, StringComparison.OrdinalIgnoreCase))
                return value;
        throw new UsageException($"{name} must be one of {string.Join(", ", choices.Select(c => c.Key))}; got '{text}'");
    }
}
