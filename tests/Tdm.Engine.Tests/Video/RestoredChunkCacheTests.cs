using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Engine.Tests.Video;

public class RestoredChunkCacheTests
{
    private static Frame[] Chunk(int frames, int size = 8) => Enumerable.Range(0, frames).Select(_ => new Frame(size, size)).ToArray();

    private static ChunkKey Key(int n) => new((UInt128)n);

    private const long FrameBytes = 8 * 8 * 4 * sizeof(float);

    [Fact]
    public void GetOrCompute_SameKeyTwice_ComputesOnce()
    {
        var cache = new RestoredChunkCache(1 << 20);
        int computed = 0;
        var first = cache.GetOrCompute(Key(1), () => { computed++; return Chunk(2); }, default);
        var second = cache.GetOrCompute(Key(1), () => { computed++; return Chunk(2); }, default);
        Assert.Equal(1, computed);
        Assert.Same(first, second);
    }

    [Fact]
    public void GetOrCompute_OverCapacity_EvictsLeastRecentlyUsed()
    {
        var cache = new RestoredChunkCache(4 * FrameBytes);
        cache.GetOrCompute(Key(1), () => Chunk(2), default);
        cache.GetOrCompute(Key(2), () => Chunk(2), default);
        cache.TryGet(Key(1)); // 1 is now more recent than 2
        cache.GetOrCompute(Key(3), () => Chunk(2), default);
        Assert.NotNull(cache.TryGet(Key(1)));
        Assert.Null(cache.TryGet(Key(2)));
        Assert.NotNull(cache.TryGet(Key(3)));
        Assert.True(cache.Bytes <= cache.CapacityBytes);
    }

    /// <summary>A 4K chunk can exceed the bound: it is still kept (alone), so its other frames are served from it.</summary>
    [Fact]
    public void GetOrCompute_ChunkLargerThanCapacity_IsKeptAlone()
    {
        var cache = new RestoredChunkCache(4 * FrameBytes);
        cache.GetOrCompute(Key(1), () => Chunk(2), default);
        cache.GetOrCompute(Key(2), () => Chunk(16), default);
        Assert.Equal(1, cache.Count);
        Assert.NotNull(cache.TryGet(Key(2)));
        int computed = 0;
        cache.GetOrCompute(Key(2), () => { computed++; return Chunk(16); }, default);
        Assert.Equal(0, computed);
    }

    [Fact]
    public void GetOrCompute_ZeroCapacity_KeepsNothing()
    {
        var cache = new RestoredChunkCache(0);
        cache.GetOrCompute(Key(1), () => Chunk(1), default);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void GetOrCompute_ComputationThrows_StoresNothingAndNextCallComputes()
    {
        var cache = new RestoredChunkCache(1 << 20);
        Assert.Throws<OperationCanceledException>(() => cache.GetOrCompute(Key(1), () => throw new OperationCanceledException(), default));
        Assert.Equal(0, cache.Count);
        Assert.Single(cache.GetOrCompute(Key(1), () => Chunk(1), default));
    }

    [Fact]
    public void GetOrCompute_ConcurrentRequestsForOneChunk_ComputeItOnce()
    {
        var cache = new RestoredChunkCache(1 << 20);
        int computed = 0;
        Parallel.For(0, 8, _ => cache.GetOrCompute(Key(7), () =>
        {
            Interlocked.Increment(ref computed);
            Thread.Sleep(50);
            return Chunk(1);
        }, default));
        Assert.Equal(1, computed);
    }
}
