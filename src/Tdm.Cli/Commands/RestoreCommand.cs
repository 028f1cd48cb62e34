using System.CommandLine;
using Tdm.Cli.Progress;
using Tdm.Cli.Restore;

namespace Tdm.Cli.Commands;

/// <summary>'tdm restore': reads the request, picks the progress reporter, runs the <see cref="RestoreJob"/>.</summary>
internal sealed class RestoreCommand(CliConsole console, TimeProvider clock, RestoreJob job) : ICommand
{
    /// <inheritdoc/>
    public string? Group => null;

    /// <inheritdoc/>
    public Command Create()
    {
        var command = RestoreCommandLine.Create();
        command.SetAction((result, cancel) => Task.FromResult(Run(RestoreCommandLine.Read(result), cancel)));
        return command;
    }

    private int Run(RestoreRequest request, CancellationToken cancel)
    {
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
