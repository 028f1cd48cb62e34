using Microsoft.Extensions.DependencyInjection;

namespace Tdm.Cli.Tests.Support;

/// <summary>Runs a tdm command line in-process through the composition root, capturing stdout and stderr.</summary>
internal static class InProcess
{
    public static (int Code, string Out, string Error) Run(string[] args, Action<IServiceCollection>? configure = null, CancellationToken cancel = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Composition.Run(args, new CliConsole(output, error, false), cancel, configure);
        return (code, output.ToString(), error.ToString());
    }
}
