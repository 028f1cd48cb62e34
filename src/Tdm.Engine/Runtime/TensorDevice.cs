using Microsoft.ML.OnnxRuntime;
using Tdm.Engine.Graphs;

namespace Tdm.Engine.Runtime;

/// <summary>
/// Moves float32 tensors between managed memory and the device the networks run on, and runs networks with every
/// input and output bound to device memory, so latents, embeddings, control images and ControlNet residuals stay
/// on the GPU for a whole chunk. On the CPU "uploading" wraps the managed array without a copy.
/// Transfers run a one-node Identity graph on the device: ONNX Runtime copies a bound host input to the device and
/// leaves a bound device output there, which works for every execution provider.
/// </summary>
internal sealed class TensorDevice : IDisposable
{
    private const string CopyIn = "x", CopyOut = "y", ConcatA = "a", ConcatB = "b", ConcatOut = "ab";
    private readonly NetworkSession? _copy;
    private readonly Lazy<NetworkSession> _concat;

    public TensorDevice(SessionFactory sessions)
    {
        Device = sessions.Device;
        _concat = new Lazy<NetworkSession>(() =>
        {
            var g = new GraphBuilder("concat", TensorType.Float);
            var joined = g.Concat(0, g.InputOfAnyShape(ConcatA, TensorType.Float), g.InputOfAnyShape(ConcatB, TensorType.Float));
            g.OutputOfAnyShape(ConcatOut, joined, TensorType.Float);
            return sessions.Create(g);
        });
        if (!Device.IsCuda)
        {
            Memory = OrtMemoryInfo.DefaultInstance;
            return;
        }
        Memory = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, Device.Index, OrtMemType.Default);
        var g = new GraphBuilder("copy", TensorType.Float);
        g.OutputOfAnyShape(CopyOut, g.InputOfAnyShape(CopyIn, TensorType.Float), TensorType.Float);
        _copy = sessions.Create(g);
    }

    public ExecutionDevice Device { get; }

    /// <summary>Where bound outputs are placed.</summary>
    public OrtMemoryInfo Memory { get; }

    /// <summary>A device copy of <paramref name="tensor"/>; on the CPU a view of it, valid while it lives.
    /// The caller disposes the result.</summary>
    public OrtValue Upload(HostTensor tensor)
    {
        if (_copy is null)
            return tensor.AsOrtValue();
        using var host = tensor.AsOrtValue();
        return Run(_copy, [(CopyIn, host)], [CopyOut], CancellationToken.None)[0];
    }

    /// <summary>Copies a device tensor into managed memory.</summary>
    public HostTensor Download(OrtValue value)
    {
        if (_copy is null)
            return HostTensor.From(value);
        var host = new HostTensor(value.GetTensorTypeAndShape().Shape);
        using var target = host.AsOrtValue();
        using var binding = _copy.Session.CreateIoBinding();
        binding.BindInput(CopyIn, value);
        binding.BindOutput(CopyOut, target);
        _copy.Run(binding);
        binding.SynchronizeBoundOutputs();
        return host;
    }

    /// <summary>[a; b] along the first axis, on the device. The caller disposes the result.</summary>
    public OrtValue Concat(OrtValue a, OrtValue b) =>
        Run(_concat.Value, [(ConcatA, a), (ConcatB, b)], [ConcatOut], CancellationToken.None)[0];

    /// <summary>
    /// Runs <paramref name="session"/> on device-resident inputs; outputs are allocated on the device and returned
    /// in <paramref name="outputNames"/> order. The caller disposes them.
    /// </summary>
    public OrtValue[] Run(NetworkSession session, IReadOnlyList<(string Name, OrtValue Value)> inputs, IReadOnlyList<string> outputNames,
        CancellationToken cancel)
    {
        using var binding = session.Session.CreateIoBinding();
        foreach (var (name, value) in inputs)
            binding.BindInput(name, value);
        foreach (var name in outputNames)
            binding.BindOutputToDevice(name, Memory);
        session.Run(binding, cancel);
        // The returned collection only owns its elements; handing them out transfers that ownership.
        return binding.GetOutputValues().ToArray();
    }

    public void Dispose()
    {
        _copy?.Dispose();
        if (_concat.IsValueCreated)
            _concat.Value.Dispose();
        if (Device.IsCuda)
            Memory.Dispose();
    }
}
