using System.CommandLine;

namespace Tdm.Cli.CommandLine;

/// <summary>
/// A tdm command as System.CommandLine parses it, with what its --help shows beyond the options: a usage line
/// written for people ("tdm restore INPUT -o OUTPUT --task ...") and free text after the options (details,
/// examples, the exit codes).
/// </summary>
internal sealed class DocumentedCommand(string name, string summary, string usage, string details = "") : Command(name, summary)
{
    /// <summary>The usage line, starting with "tdm".</summary>
    public string Usage { get; } = usage;

    /// <summary>Text printed after the options.</summary>
    public string Details { get; } = details;
}
