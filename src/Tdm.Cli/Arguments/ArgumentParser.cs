namespace Tdm.Cli.Arguments;

/// <summary>
/// A small hand-written parser (no reflection, so it survives trimming and NativeAOT). Accepts "--name value",
/// "--name=value", "-o value", flags, and "--" to end options; rejects unknown options, repeated options, missing
/// values and the wrong number of positional arguments with a <see cref="UsageException"/>.
/// </summary>
internal static class ArgumentParser
{
    /// <summary>Parses <paramref name="args"/> (the words after the command's name) against <paramref name="spec"/>.</summary>
    public static ParsedArguments Parse(CommandSpec spec, IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var positionals = new List<string>();
        var help = false;
        var optionsEnded = false;

        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            if (optionsEnded || word.Length < 2 || word[0] != '-' || IsNegativeNumber(word))
            {
                positionals.Add(word);
                continue;
            }
            if (word == "--")
            {
                optionsEnded = true;
                continue;
            }
            if (word is "--help" or "-h")
            {
                help = true;
                continue;
            }

            var equals = word.StartsWith("--", StringComparison.Ordinal) ? word.IndexOf('=', StringComparison.Ordinal) : -1;
            var name = equals > 0 ? word[..equals] : word;
            var option = spec.Find(name) ?? throw Unknown(spec, name);
            if (values.ContainsKey(option.Name) || flags.Contains(option.Name))
                throw new UsageException($"{option.Name} is given twice; give it once ('tdm {spec.Name} --help' lists the options)");

            if (option.IsFlag)
            {
                if (equals > 0)
                    throw new UsageException($"{option.Name} is a flag and takes no value, got '{word[(equals + 1)..]}'");
                flags.Add(option.Name);
            }
            else if (equals > 0)
            {
                values[option.Name] = word[(equals + 1)..];
            }
            else
            {
                if (i + 1 >= args.Count)
                    throw new UsageException($"{option.Name} needs a value: {option.Name} {option.ValueName}");
                values[option.Name] = args[++i];
            }
        }

        if (!help)
            CheckPositionals(spec, positionals);
        return new ParsedArguments(spec, positionals, values, flags, help);
    }

    private static void CheckPositionals(CommandSpec spec, List<string> positionals)
    {
        if (positionals.Count < spec.MinPositionals)
            throw new UsageException($"'tdm {spec.Name}' needs {spec.MinPositionals} argument(s), got {positionals.Count}; usage: {spec.Usage}");
        if (positionals.Count > spec.MaxPositionals)
        {
            var extra = positionals[spec.MaxPositionals];
            throw new UsageException(spec.MaxPositionals == 0
                ? $"'tdm {spec.Name}' takes no arguments, got '{extra}'; usage: {spec.Usage}"
                : $"unexpected argument '{extra}'; usage: {spec.Usage}");
        }
    }

    // "-1" or "-0.5" as a positional (or an option's value, handled above) is a number, not an option.
    private static bool IsNegativeNumber(string word) => word.Length > 1 && word[0] == '-' && (char.IsAsciiDigit(word[1]) || word[1] == '.');

    private static UsageException Unknown(CommandSpec spec, string name)
    {
        var nearest = Nearest(spec, name);
        var hint = nearest is null ? "" : $" (did you mean {nearest}?)";
        return new UsageException($"unknown option '{name}' for 'tdm {spec.Name}'{hint}; 'tdm {spec.Name} --help' lists the options");
    }

    private static string? Nearest(CommandSpec spec, string name)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var option in spec.Options)
        {
            var distance = EditDistance(name, option.Name);
            if (distance < bestDistance)
                (best, bestDistance) = (option.Name, distance);
        }
        // A suggestion two edits away or closer is a typo; further away it is noise.
        return bestDistance <= 2 ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
