namespace Tdm.Cli.Arguments;

/// <summary>
/// What a command accepts: its name as typed ("models synth"), the usage line, a one-line summary, the options, how
/// many positional arguments it takes, and free text for --help (details and examples).
/// </summary>
internal sealed record CommandSpec(
    string Name,
    string Usage,
    string Summary,
    IReadOnlyList<OptionSpec> Options,
    int MinPositionals = 0,
    int MaxPositionals = 0,
    string Details = "")
{
    /// <summary>The option with this long name or alias, or null.</summary>
    public OptionSpec? Find(string nameOrAlias)
    {
        foreach (var option in Options)
            if (option.Name == nameOrAlias || option.Alias == nameOrAlias)
                return option;
        return null;
    }
}
