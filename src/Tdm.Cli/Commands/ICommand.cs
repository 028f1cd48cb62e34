using Tdm.Cli.Arguments;

namespace Tdm.Cli.Commands;

/// <summary>One tdm command: its spec (options and help) and how it runs. Errors are exceptions; the dispatcher maps them.</summary>
internal interface ICommand
{
    /// <summary>The command's name, options and help.</summary>
    CommandSpec Spec { get; }

    /// <summary>Runs the command with parsed arguments; returns the exit code.</summary>
    int Run(ParsedArguments args, CancellationToken cancel);
}
