using System.Runtime.InteropServices;
using Tdm.Cli;

// Ctrl-C (SIGINT) and SIGTERM cancel the token: the engine stops between diffusion steps, frames already written
// stay, and the exit code is 130. A second Ctrl-C or SIGTERM ends the process at once (frames are written
// atomically, so nothing half-written is left), even when the first could not reach a thread stuck in a system call.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
});

return Composition.Run(args, CliConsole.System(), cancel.Token);
