using System.CommandLine;

namespace Tdm.Cli.Commands;

/// <summary>
/// One tdm command: it builds its System.CommandLine <see cref="Command"/> (name, options, arguments, help and the
/// action that runs it). Errors are exceptions; the dispatcher maps them to exit codes.
/// </summary>
internal interface ICommand
{
    /// <summary>The group the command is typed under ("models" for 'tdm models synth'), or null for a command of its own.</summary>
    string? Group { get; }

    /// <summary>Builds the command; its action takes the dispatcher's cancellation token.</summary>
    Command Create();
}
