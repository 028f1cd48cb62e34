using Tdm.Engine.Imaging;

namespace Tdm.Engine.Video;

/// <summary>
/// Restored chunks in memory, least recently used first out, bounded in bytes; the newest chunk is always kept,
/// alone if it is larger than the bound, so a host serving a 4K chunk frame by frame never recomputes it (memory
/// stays within the larger of the bound and one chunk). A chunk is computed once even when
/// several render threads ask for its frames at the same time (they wait for the first), and only a complete
/// result is ever stored: a cancelled or failed computation leaves nothing behind. Thread-safe.
/// </summary>
internal sealed class RestoredChunkCache
{
    // Requests for the same key serialize on one of these; unrelated keys rarely share one.
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly LinkedList<(ChunkKey Key, Frame[] Frames, long Bytes)> _lru = new();
    private readonly Dictionary<ChunkKey, LinkedListNode<(ChunkKey Key, Frame[] Frames, long Bytes)>> _index = [];
    private readonly object _gate = new();
    private long _bytes;

    /// <param name="capacityBytes">Bound on the pixels kept; 0 keeps nothing (each chunk is computed once anyway).</param>
    public RestoredChunkCache(long capacityBytes) => CapacityBytes = capacityBytes;

    public long CapacityBytes { get; }

    /// <summary>Bytes of pixels held now.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
                return _bytes;
        }
    }

    /// <summary>Number of chunks held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _index.Count;
        }
    }

    /// <summary>The cached frames of <paramref name="key"/>, or null.</summary>
    public Frame[]? TryGet(ChunkKey key)
    {
        lock (_gate)
        {
            if (!_index.TryGetValue(key, out var node))
                return null;
            _lru.Remove(node);
            _lru.AddFirst(node);
            return node.Value.Frames;
        }
    }

    /// <summary>
    /// The frames of <paramref name="key"/>, computing them with <paramref name="compute"/> when absent. Callers
    /// must not modify the returned frames.
    /// </summary>
    public Frame[] GetOrCompute(ChunkKey key, Func<Frame[]> compute, CancellationToken cancel)
    {
        if (TryGet(key) is { } hit)
            return hit;
        var gate = _locks[(int)(key.Value % (ulong)_locks.Length)];
        gate.Wait(cancel);
        try
        {
            // Another thread may have finished it while this one waited.
            if (TryGet(key) is { } done)
                return done;
            var frames = compute();
            Add(key, frames);
            return frames;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops everything.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _lru.Clear();
            _index.Clear();
            _bytes = 0;
        }
    }

    private void Add(ChunkKey key, Frame[] frames)
    {
        if (CapacityBytes <= 0)
            return;
        long bytes = frames.Sum(f => (long)f.Pixels.Length * sizeof(float));
        lock (_gate)
        {
            if (_index.ContainsKey(key))
                return;
            _index[key] = _lru.AddFirst((key, frames, bytes));
            _bytes += bytes;
            while (_bytes > CapacityBytes && _lru.Last is { } oldest && oldest != _lru.First)
            {
                _lru.RemoveLast();
                _index.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Bytes;
            }
        }
    }
}
