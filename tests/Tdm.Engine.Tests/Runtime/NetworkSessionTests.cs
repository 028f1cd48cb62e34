using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;

namespace Tdm.Engine.Tests.Runtime;

/// <summary>How a session's failures reach the engine: running out of memory is its own kind, which the sampler
/// answers by shrinking its batches before it gives up.</summary>
public sealed class NetworkSessionTests
{
    private static readonly string s_cache = Path.Combine(Path.GetTempPath(), "tdm-tests-cache");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_MoreMemoryThanTheMachineHas_IsOutOfMemory(bool arena)
    {
        // A value of 2^40 floats (4 TiB): ONNX Runtime's allocator fails for real, with or without its arena.
        var graph = new GraphBuilder("huge", TensorType.Float);
        var x = graph.Input("x", TensorType.Float, 1);
        var huge = graph.Op("Expand", [x, graph.Int64s(1L << 40)]);
        graph.Output("sum", graph.Op("ReduceSum", [huge], ("keepdims", 0L)), TensorType.Float);
        var factory = new SessionFactory(ExecutionDevice.Cpu(1), s_cache);
        using var session = factory.Create(graph.Name, graph.Build(_ => throw new InvalidOperationException("no weights")), s_cache, arena);
        using var device = new TensorDevice(factory);
        using var input = new HostTensor([1f], 1).AsOrtValue();

        var error = Assert.Throws<TdmException>(() => device.Run(session, [("x", input)], ["sum"], CancellationToken.None));

        Assert.Equal(TdmErrorKind.OutOfMemory, error.Kind);
        Assert.Contains("huge ran out of memory on CPU", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CUDA failure 2: out of memory ; GPU=0 ; hostname=h ; expr=cudaMalloc((void**)&p, size);")]
    [InlineData("BFCArena::AllocateRawInternal: Available memory of 536870912 is smaller than requested bytes of 1073741824")]
    [InlineData("Failed to allocate memory for requested buffer of size 4398046511104")]
    [InlineData("CUDNN failure 4: CUDNN_STATUS_ALLOC_FAILED ; GPU=0")]
    [InlineData("std::bad_alloc")]
    public void IsOutOfMemory_OnnxRuntimesWordsForIt(string message) => Assert.True(NetworkSession.IsOutOfMemory(message));

    [Theory]
    [InlineData("Invalid input shape: {1,4,64,64}")]
    [InlineData("CUDA failure 700: an illegal memory access was encountered")]
    [InlineData("Available memory pattern planner disabled")]
    public void IsOutOfMemory_OtherFailures_AreNot(string message) => Assert.False(NetworkSession.IsOutOfMemory(message));
}
