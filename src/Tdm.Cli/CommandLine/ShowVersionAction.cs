using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Tdm.Cli.CommandLine;

/// <summary>What --version does: prints "tdm VERSION" (the informational version, with the commit) on stdout.</summary>
internal sealed class ShowVersionAction : SynchronousCommandLineAction
{
    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        var version = typeof(ShowVersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        parseResult.InvocationConfiguration.Output.WriteLine($"tdm {version}");
        return ExitCodes.Ok;
    }
}
