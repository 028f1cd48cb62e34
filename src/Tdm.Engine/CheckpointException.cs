namespace Tdm.Engine;

/// <summary>A checkpoint file or model folder that cannot be used. The message names the file and, where one is at
/// fault, the tensor.</summary>
public sealed class CheckpointException : TdmException
{
    /// <summary>Creates the exception for <paramref name="filePath"/> and optionally one tensor in it.</summary>
    public CheckpointException(string filePath, string message, string? tensorName = null, Exception? inner = null)
        : base(TdmErrorKind.Model, message, inner)
    {
        FilePath = filePath;
        TensorName = tensorName;
    }

    /// <summary>The file or folder at fault.</summary>
    public string FilePath { get; }

    /// <summary>The tensor at fault, when one is.</summary>
    public string? TensorName { get; }
}
