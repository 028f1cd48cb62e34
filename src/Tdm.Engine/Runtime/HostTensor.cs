using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Tdm.Engine.Runtime;

/// <summary>A float32 tensor in managed memory (row-major, shape given), the engine's currency on the host.</summary>
internal sealed class HostTensor
{
    public HostTensor(float[] data, params long[] shape)
    {
        long n = shape.Aggregate(1L, (a, d) => a * d);
        if (n != data.Length)
            throw new ArgumentException($"shape [{string.Join(",", shape)}] has {n} elements, data has {data.Length}");
        Data = data;
        Shape = shape;
    }

    public HostTensor(params long[] shape) : this(new float[shape.Aggregate(1L, (a, d) => a * d)], shape) { }

    public float[] Data { get; }

    public long[] Shape { get; }

    /// <summary>An OrtValue over <see cref="Data"/> (no copy); valid while this tensor lives.</summary>
    public OrtValue AsOrtValue() => OrtValue.CreateTensorValueFromMemory(Data, Shape);

    /// <summary>Copies a float32 OrtValue in CPU memory.</summary>
    public static HostTensor From(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        if (info.ElementDataType != TensorElementType.Float)
            throw new ArgumentException($"expected a float32 tensor, got {info.ElementDataType}");
        return new HostTensor(value.GetTensorDataAsSpan<float>().ToArray(), info.Shape);
    }

    /// <summary>The n-by-n identity matrix (frame mixing of plain attention).</summary>
    public static HostTensor Identity(int n)
    {
        var t = new HostTensor(n, n);
        for (int i = 0; i < n; i++)
            t.Data[(i * n) + i] = 1f;
        return t;
    }
}
