namespace Tdm.Cli.Arguments;

/// <summary>
/// One option a command accepts: its long name ("--steps"), an optional one-letter alias ("-o"), the placeholder of
/// its value (null for a flag) and the help line. The same table drives parsing and --help, so they cannot disagree.
/// </summary>
internal sealed record OptionSpec(string Name, string? ValueName, string Help, string? Alias = null)
{
    /// <summary>Whether the option is a flag (takes no value).</summary>
    public bool IsFlag => ValueName is null;
}
