using Tdm.Engine.Graphs;

namespace Tdm.Engine.Runtime;

/// <summary>The execution provider a session runs on, resolved from the user's <see cref="DeviceKind"/>.</summary>
/// <param name="IsCuda">CUDA (float16 graphs) or CPU (float32 graphs).</param>
/// <param name="Index">The CUDA device ordinal.</param>
/// <param name="IntraOpThreads">CPU threads per session; fixed so that CPU results are reproducible bit for bit.</param>
/// <param name="Description">What a user is told ("CUDA device 0", "CPU, 8 threads").</param>
internal sealed record ExecutionDevice(bool IsCuda, int Index, int IntraOpThreads, string Description)
{
    /// <summary>The CPU with <paramref name="threads"/> intra-op threads (0: one per core).</summary>
    public static ExecutionDevice Cpu(int threads = 0)
    {
        int n = threads > 0 ? threads : Environment.ProcessorCount;
        return new ExecutionDevice(false, 0, n, $"CPU, {n} thread{(n == 1 ? "" : "s")}");
    }

    /// <summary>Checks only: the CPU runs the float16 graphs that CUDA runs (ONNX Runtime casts around its float
    /// kernels, so this is slow), to measure half precision against the float32 reference where there is no GPU.</summary>
    public bool HalfPrecisionOnCpu { get; init; }

    /// <summary>The compute type graphs are built in: float16 on CUDA (tensor cores), float32 on the CPU.</summary>
    public TensorType ComputeType => IsCuda || HalfPrecisionOnCpu ? TensorType.Float16 : TensorType.Float;

    /// <summary>A short key for caches.</summary>
    public string CacheKey => IsCuda ? $"cuda{Index}" : "cpu";
}
