namespace Tdm.Engine;

/// <summary>What kind of problem stopped the engine; hosts map it to exit codes and OpenFX statuses.</summary>
public enum TdmErrorKind
{
    /// <summary>An option or argument is out of range or unknown.</summary>
    BadArgument,
    /// <summary>An input frame, image or video cannot be read or has an unsupported format.</summary>
    Input,
    /// <summary>A checkpoint file or model folder is missing, malformed or of the wrong family.</summary>
    Model,
    /// <summary>The device ran out of memory even after the engine's retries.</summary>
    OutOfMemory,
    /// <summary>The execution device (CUDA, its libraries, the driver) is unavailable or failed.</summary>
    Device,
    /// <summary>An output cannot be written.</summary>
    Output,
    /// <summary>A defect in the engine itself.</summary>
    Internal,
}

/// <summary>
/// The engine's one exception family. Messages name the thing (file, tensor, option), both values where a value was
/// wrong, and the likely fix.
/// </summary>
public class TdmException : Exception
{
    /// <summary>Creates an exception of the given kind.</summary>
    public TdmException(TdmErrorKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

    /// <summary>What kind of problem this is.</summary>
    public TdmErrorKind Kind { get; }
}
