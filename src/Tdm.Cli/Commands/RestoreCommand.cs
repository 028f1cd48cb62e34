using Tdm.Cli.Arguments;
using Tdm.Cli.Progress;
using Tdm.Cli.Restore;

namespace Tdm.Cli.Commands;

/// <summary>'tdm restore': parses the request, picks the progress reporter, runs the <see cref="RestoreJob"/>.</summary>
internal sealed class RestoreCommand(CliConsole console, TimeProvider clock, RestoreJob job) : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec => RestoreCommandLine.Spec;

    /// <inheritdoc/>
    public int Run(ParsedArguments args, CancellationToken cancel)
    {
        var request = RestoreCommandLine.Parse(args);
        IRestoreEvents events = request.Progress switch
        {
            ProgressMode.Json => new JsonProgress(console, clock),
            ProgressMode.None => new QuietProgress(),
            _ => new ProgressBar(console, clock),
        };
        try
        {
            job.Run(request, events, cancel);
            return ExitCodes.Ok;
        }
        catch (Exception e)
        {
            // The farm reads the JSON error event; the dispatcher still prints the message and sets the exit code.
            var (code, message) = Failure.Classify(e, cancel);
            events.Failed(code, message);
            throw;
        }
    }
}
