using System.CommandLine;
using System.CommandLine.Invocation;

namespace Tdm.Cli.CommandLine;

/// <summary>
/// What --help does: prints <see cref="HelpText"/> of the command it follows, on stdout, and exits 0. It clears the
/// parse's errors, so 'tdm restore --help' needs no INPUT.
/// </summary>
internal sealed class ShowHelpAction : SynchronousCommandLineAction
{
    /// <inheritdoc/>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        // 'tdm help restroe' names no command: say so rather than describe the one above it.
        if (parseResult.UnmatchedTokens.Count > 0 && parseResult.CommandResult.Command.Subcommands.Count > 0)
            throw new UsageException(TdmParser.Describe(parseResult));
        parseResult.InvocationConfiguration.Output.Write(HelpText.For(parseResult.CommandResult.Command));
        return ExitCodes.Ok;
    }
}
