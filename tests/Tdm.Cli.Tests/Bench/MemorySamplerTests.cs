using System.Runtime.InteropServices;
using Tdm.Cli.Bench;

namespace Tdm.Cli.Tests.Bench;

/// <summary>The two heaps bench restore splits its memory into: a native allocation (what ONNX Runtime makes on the
/// CPU) shows in the native peak, a managed array (a frame) in the managed one. The process's heaps are shared, so
/// these run while no other test does.</summary>
[Collection(nameof(MemorySamplerTests))]
public sealed class MemorySamplerTests
{
    private const long Size = 64L << 20;

    [Fact]
    public void NativeAllocation_RaisesTheNativePeakByItsSize()
    {
        nint block;
        long? baseline, peak;
        using (var sampler = new MemorySampler(TimeSpan.FromMilliseconds(1)))
        {
            block = Marshal.AllocHGlobal((nint)Size);
            try
            {
                // Disposing takes a last sample: the block is still held.
                sampler.Dispose();
                baseline = sampler.NativeBaseline;
                peak = sampler.NativePeak;
            }
            finally
            {
                Marshal.FreeHGlobal(block);
            }
        }
        Assert.NotNull(baseline);
        Assert.NotNull(peak);
        // Finalizers and the runtime's own threads free and allocate a little meanwhile: within 1 MiB of the block.
        Assert.InRange(peak!.Value - baseline!.Value, Size - (1 << 20), 2 * Size);
        Assert.True(MemorySampler.NativeBytes() < peak, "the freed block still counts as in use");
    }

    [Fact]
    public void ManagedArray_RaisesTheManagedPeakButNotTheNativeOne()
    {
        using var sampler = new MemorySampler(TimeSpan.FromMilliseconds(1));
        long before = sampler.ManagedPeak;
        var frame = new float[Size / sizeof(float)];
        frame[^1] = 1f;
        sampler.Dispose();
        GC.KeepAlive(frame);
        Assert.True(sampler.ManagedPeak - before >= Size, $"managed peak grew by {sampler.ManagedPeak - before} bytes for a {Size}-byte array");
        Assert.True(sampler.NativePeak - sampler.NativeBaseline < Size, $"native grew by {sampler.NativePeak - sampler.NativeBaseline} bytes");
    }
}

/// <summary>Runs <see cref="MemorySamplerTests"/> alone.</summary>
[CollectionDefinition(nameof(MemorySamplerTests), DisableParallelization = true)]
public sealed class MemorySamplerCollection;
