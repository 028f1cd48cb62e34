using Tdm.Cli.Media;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Commands;

/// <summary>Turns an exception from a command into its exit code and the message a user reads.</summary>
internal static class Failure
{
    /// <summary>The exit code and message for <paramref name="error"/>.</summary>
    /// <remarks>
    /// Once cancellation is requested every error counts as the cancellation: Ctrl-C in a terminal also reaches the
    /// ffmpeg processes we started (same process group), and their early exit surfaces as read or write errors.
    /// </remarks>
    public static (int ExitCode, string Message) Classify(Exception error, CancellationToken cancel) => error switch
    {
        _ when cancel.IsCancellationRequested && error is not UsageException =>
            (ExitCodes.Cancelled, "cancelled; frames already written are kept, and running the same command again resumes"),
        UsageException e => (ExitCodes.BadArguments, e.Message),
        TdmException e => (ExitCodes.For(e.Kind), e.Message),
        DllNotFoundException e => NativeLibraryMissing(e),
        TypeInitializationException { InnerException: DllNotFoundException e } => NativeLibraryMissing(e),
        OutOfMemoryException => (ExitCodes.OutOfMemory, "out of memory: try a smaller --short-side or --chunk"),
        // A backstop: writes of outputs are wrapped where they happen; a full or read-only disk met anywhere else is
        // still the output's problem, not a defect.
        IOException e when AtomicFile.IsDiskFull(e) || e.HResult == ReadOnlyFileSystem => (ExitCodes.Output, $"cannot write: {e.Message}"),
        _ => (ExitCodes.Internal, $"internal error ({error.GetType().Name}): {error.Message}; please report it with the command line"),
    };

    private const int ReadOnlyFileSystem = 30; // EROFS: .NET's IOException carries the errno as its HResult on Unix

    // ONNX Runtime is opened on first use: a tdm without it beside itself (packaging/gpu's NativeAOT build) finds it
    // on the library path, or fails here. The runtime's message goes on with advice and every path it tried; its
    // first sentence names the library.
    private static (int, string) NativeLibraryMissing(DllNotFoundException e)
    {
        var what = e.Message.Split('\n')[0].Trim();
        var end = what.IndexOf(". ", StringComparison.Ordinal);
        return (ExitCodes.Device, $"a native library did not load ({(end > 0 ? what[..end] : what.TrimEnd('.'))}): "
            + "tdm needs ONNX Runtime's libonnxruntime.so beside it or on LD_LIBRARY_PATH");
    }
}
