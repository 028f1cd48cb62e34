using Microsoft.ML.OnnxRuntime;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;

namespace Tdm.Engine.Tests.Graphs;

/// <summary>Builds golden networks on the CPU and compares outputs with reference tensors.</summary>
internal static class GraphTestKit
{
    public static SafetensorsFile Vectors(string name) => SafetensorsFile.Open(Tdm.Tests.Golden.Path("vectors", name));

    public static HostTensor Read(SafetensorsFile file, string name)
    {
        var t = file[name];
        if (t.DType == SafetensorsDType.I64)
        {
            var longs = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(file.GetBytes(t));
            return new HostTensor(longs.ToArray().Select(x => (float)x).ToArray(), t.Shape);
        }
        return new HostTensor(file.ReadSingles(name), t.Shape);
    }

    public static NetworkSession Session(Func<ComponentWeights, TensorType, GraphBuilder> build, SafetensorsFile weightsFile, string component,
        TensorType computeType = TensorType.Float, Func<string, string>? fileKey = null)
    {
        var weights = new ComponentWeights(component, weightsFile, fileKey);
        var graph = build(weights, computeType);
        var cache = Path.Combine(Path.GetTempPath(), "tdm-tests-cache");
        return new SessionFactory(ExecutionDevice.Cpu(2), cache).Create(graph);
    }

    /// <summary>Runs a CPU session through the engine's one way of running networks (TensorDevice).</summary>
    public static Dictionary<string, HostTensor> Run(NetworkSession session, params (string Name, HostTensor Value)[] inputs)
    {
        var values = inputs.Select(i => (i.Name, i.Value.AsOrtValue())).ToList();
        try
        {
            return RunValues(session, values);
        }
        finally
        {
            values.ForEach(v => v.Item2.Dispose());
        }
    }

    /// <summary>Runs a CPU session on OrtValues (e.g. int64 token ids); returns every output on the host.</summary>
    public static Dictionary<string, HostTensor> RunValues(NetworkSession session, IReadOnlyList<(string Name, OrtValue Value)> inputs)
    {
        using var device = new TensorDevice(new SessionFactory(session.Device, Path.Combine(Path.GetTempPath(), "tdm-tests-cache")));
        var outputs = device.Run(session, inputs, session.OutputNames, CancellationToken.None);
        try
        {
            return session.OutputNames.Zip(outputs).ToDictionary(p => p.First, p => HostTensor.From(p.Second));
        }
        finally
        {
            foreach (var o in outputs)
                o.Dispose();
        }
    }

    public static float MaxAbsDiff(HostTensor actual, HostTensor expected)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        float max = 0;
        for (int i = 0; i < actual.Data.Length; i++)
            max = MathF.Max(max, MathF.Abs(actual.Data[i] - expected.Data[i]));
        return max;
    }
}
