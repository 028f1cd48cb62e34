using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using Tdm.Engine.Graphs;

namespace Tdm.Engine.Runtime;

/// <summary>
/// The one way the engine runs a network: every input and output bound to device memory, so latents, embeddings,
/// control images and ControlNet residuals stay on the GPU for a whole chunk. Also moves float32 tensors between
/// managed memory and the device, and joins or picks frames along the batch axis there. On the CPU "uploading"
/// wraps the managed array without a copy.
/// Transfers run a one-node Identity graph on the device: ONNX Runtime copies a bound host input to the device and
/// leaves a bound device output there, which works for every execution provider.
/// </summary>
internal sealed class TensorDevice : IDisposable
{
    private const string CopyIn = "x", CopyOut = "y", TakeIndex = "index";
    private readonly SessionFactory _sessions;
    private readonly NetworkSession? _copy;
    private readonly Lazy<NetworkSession> _take;
    private readonly ConcurrentDictionary<int, Lazy<NetworkSession>> _concat = new();

    public TensorDevice(SessionFactory sessions)
    {
        _sessions = sessions;
        Device = sessions.Device;
        _take = new Lazy<NetworkSession>(() =>
        {
            var g = new GraphBuilder("take", TensorType.Float);
            var picked = g.Gather(g.InputOfAnyShape(CopyIn, TensorType.Float), g.Input(TakeIndex, TensorType.Int64, 1));
            g.OutputOfAnyShape(CopyOut, picked, TensorType.Float);
            return sessions.Create(g);
        });
        if (!Device.IsCuda)
        {
            Memory = OrtMemoryInfo.DefaultInstance;
            return;
        }
        Memory = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, Device.Index, OrtMemType.Default);
        var copy = new GraphBuilder("copy", TensorType.Float);
        copy.OutputOfAnyShape(CopyOut, copy.InputOfAnyShape(CopyIn, TensorType.Float), TensorType.Float);
        _copy = sessions.Create(copy);
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
    public HostTensor Download(OrtValue value) => Download(value, new HostTensor(value.GetTensorTypeAndShape().Shape));

    /// <summary>Copies a device tensor into <paramref name="host"/>, which has its shape; returns it.</summary>
    public HostTensor Download(OrtValue value, HostTensor host)
    {
        if (_copy is null)
        {
            value.GetTensorDataAsSpan<float>().CopyTo(host.Data);
            return host;
        }
        using var target = host.AsOrtValue();
        using var binding = _copy.Session.CreateIoBinding();
        binding.BindInput(CopyIn, value);
        binding.BindOutput(CopyOut, target);
        _copy.Run(binding);
        binding.SynchronizeBoundOutputs();
        return host;
    }

    /// <summary>The parts joined along the first axis, on the device. The caller disposes the result.</summary>
    public OrtValue Concat(IReadOnlyList<OrtValue> parts)
    {
        var session = _concat.GetOrAdd(parts.Count, n => new Lazy<NetworkSession>(() =>
        {
            var g = new GraphBuilder($"concat{n}", TensorType.Float);
            var inputs = Enumerable.Range(0, n).Select(i => g.InputOfAnyShape($"x{i}", TensorType.Float)).ToArray();
            g.OutputOfAnyShape(CopyOut, n == 1 ? g.Op("Identity", inputs) : g.Concat(0, inputs), TensorType.Float);
            return _sessions.Create(g);
        })).Value;
        return Run(session, parts.Select((p, i) => ($"x{i}", p)).ToList(), [CopyOut], CancellationToken.None)[0];
    }

    /// <summary>Item <paramref name="index"/> of the first axis, keeping that axis ([1, ...]), on the device. The
    /// caller disposes the result.</summary>
    public OrtValue Take(OrtValue batch, int index)
    {
        using var at = OrtValue.CreateTensorValueFromMemory(new long[] { index }, [1]);
        return Run(_take.Value, [(CopyIn, batch), (TakeIndex, at)], [CopyOut], CancellationToken.None)[0];
    }

    /// <summary>
    /// Runs <paramref name="session"/> on device-resident inputs (small host inputs such as scalars are copied by
    /// ONNX Runtime); outputs are allocated on the device and returned in <paramref name="outputNames"/> order. The
    /// caller disposes them.
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
        if (_take.IsValueCreated)
            _take.Value.Dispose();
        foreach (var session in _concat.Values.Where(s => s.IsValueCreated))
            session.Value.Dispose();
        if (Device.IsCuda)
            Memory.Dispose();
    }
}
