using Tdm.Engine;

namespace Tdm.Cli;

/// <summary>The process exit codes of every tdm command; farms and scripts branch on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Internal = 1;
    public const int BadArguments = 2;
    public const int Input = 3;
    public const int Model = 4;
    public const int OutOfMemory = 5;
    public const int Device = 6;
    public const int Output = 7;
    public const int Cancelled = 130;

    /// <summary>The table printed by --help.</summary>
    public const string Help = """
        Exit codes:
          0    done
          1    internal error (a defect: please report it with the message)
          2    bad arguments (unknown option, bad value, frame range outside the clip)
          3    input unreadable (missing file, unreadable or truncated video, empty pattern)
          4    model problem (missing or malformed model folder or checkpoint)
          5    out of memory (try a smaller --short-side, --chunk or --device cpu)
          6    device problem (CUDA or its libraries unavailable or failing)
          7    output not writable
          130  cancelled (Ctrl-C or SIGTERM); frames already written are kept and a rerun resumes
        """;

    /// <summary>The exit code of an engine error of this kind.</summary>
    public static int For(TdmErrorKind kind) => kind switch
    {
        TdmErrorKind.BadArgument => BadArguments,
        TdmErrorKind.Input => Input,
        TdmErrorKind.Model => Model,
        TdmErrorKind.OutOfMemory => OutOfMemory,
        TdmErrorKind.Device => Device,
        TdmErrorKind.Output => Output,
        _ => Internal,
    };
}
