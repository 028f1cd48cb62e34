using Microsoft.ML.OnnxRuntime;

namespace Tdm.Engine.Runtime;

/// <summary>
/// One network compiled by ONNX Runtime for one device. Runs are thread-safe (ONNX Runtime allows concurrent Run
/// calls on a session); cancellation sets the run's terminate flag, so even a long forward pass stops promptly.
/// </summary>
internal sealed class NetworkSession : IDisposable
{
    private readonly InferenceSession _session;

    /// <summary>Wraps a created session; takes ownership.</summary>
    public NetworkSession(string name, InferenceSession session, ExecutionDevice device)
    {
        Name = name;
        _session = session;
        Device = device;
    }

    public string Name { get; }

    public ExecutionDevice Device { get; }

    public IReadOnlyList<string> InputNames => _session.InputNames;

    public IReadOnlyList<string> OutputNames => _session.OutputNames;

    /// <summary>The underlying session, for I/O binding.</summary>
    internal InferenceSession Session => _session;

    /// <summary>Runs the network with a binding whose inputs and outputs are already placed on the device.</summary>
    public void Run(OrtIoBinding binding, CancellationToken cancel = default)
    {
        cancel.ThrowIfCancellationRequested();
        using var options = new RunOptions();
        using var registration = cancel.Register(() => options.Terminate = true);
        try
        {
            _session.RunWithBinding(options, binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw Translate(e, cancel);
        }
    }

    /// <summary>ONNX Runtime's errors in the engine's terms: cancellation, out of memory, or a device failure.</summary>
    internal Exception Translate(OnnxRuntimeException e, CancellationToken cancel)
    {
        if (cancel.IsCancellationRequested)
            return new OperationCanceledException($"{Name}: cancelled", e, cancel);
        string m = e.Message;
        if (IsOutOfMemory(m))
            return new TdmException(TdmErrorKind.OutOfMemory, $"{Name} ran out of memory on {Device.Description}: {m}", e);
        return new TdmException(Device.IsCuda ? TdmErrorKind.Device : TdmErrorKind.Internal, $"{Name} failed on {Device.Description}: {m}", e);
    }

    /// <summary>Whether an ONNX Runtime error says memory ran out: CUDA's own words, an arena that could not grow
    /// (or reached its limit: "Available memory of X is smaller than requested bytes of Y"), cuDNN's workspace, or
    /// the C++ allocator.</summary>
    internal static bool IsOutOfMemory(string message) =>
        message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Failed to allocate memory", StringComparison.OrdinalIgnoreCase)
        || (message.Contains("Available memory of", StringComparison.Ordinal) && message.Contains("smaller than requested bytes", StringComparison.Ordinal))
        || message.Contains("CUDNN_STATUS_ALLOC_FAILED", StringComparison.Ordinal)
        || message.Contains("bad_alloc", StringComparison.Ordinal)
        || message.Contains("bad allocation", StringComparison.Ordinal);

    public void Dispose() => _session.Dispose();
}
