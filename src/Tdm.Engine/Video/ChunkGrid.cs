namespace Tdm.Engine.Video;

/// <summary>
/// The fixed chunk grid anchored at a clip's first frame: chunk k owns frames [k N, (k+1) N) and is restored from
/// a context that adds <see cref="Handles"/> frames on each side, clamped to the clip. Every frame is computed from
/// the same context whichever frame asked for it, so interactive views, render queues and render farms that split
/// the range produce identical pixels.
/// </summary>
public sealed class ChunkGrid
{
    /// <param name="clipLength">Frames in the clip (indices 0..clipLength-1).</param>
    /// <param name="chunkLength">N, frames owned per chunk.</param>
    /// <param name="handles">Extra context frames on each side of a chunk.</param>
    public ChunkGrid(int clipLength, int chunkLength, int handles)
    {
        if (clipLength < 1)
            throw new TdmException(TdmErrorKind.Input, $"a clip needs at least one frame, got {clipLength}");
        if (chunkLength < 1)
            throw new TdmException(TdmErrorKind.BadArgument, $"chunk length must be at least 1, got {chunkLength}");
        if (handles < 0)
            throw new TdmException(TdmErrorKind.BadArgument, $"handles must be 0 or more, got {handles}");
        ClipLength = clipLength;
        ChunkLength = chunkLength;
        Handles = handles;
    }

    public int ClipLength { get; }

    public int ChunkLength { get; }

    public int Handles { get; }

    /// <summary>Number of chunks covering the clip.</summary>
    public int ChunkCount => (ClipLength + ChunkLength - 1) / ChunkLength;

    /// <summary>The chunk that owns <paramref name="frame"/>.</summary>
    public int ChunkOf(int frame)
    {
        if (frame < 0 || frame >= ClipLength)
            throw new TdmException(TdmErrorKind.BadArgument, $"frame {frame} is outside the clip (0..{ClipLength - 1})");
        return frame / ChunkLength;
    }

    /// <summary>The frames chunk <paramref name="chunk"/> owns (inclusive).</summary>
    public (int First, int Last) Owned(int chunk)
    {
        CheckChunk(chunk);
        return (chunk * ChunkLength, Math.Min(ClipLength, (chunk + 1) * ChunkLength) - 1);
    }

    /// <summary>The frames chunk <paramref name="chunk"/> is restored from (inclusive): owned plus handles, clamped.</summary>
    public (int First, int Last) Context(int chunk)
    {
        var (first, last) = Owned(chunk);
        return (Math.Max(0, first - Handles), Math.Min(ClipLength - 1, last + Handles));
    }

    /// <summary>The chunks needed to produce frames <paramref name="first"/>..<paramref name="last"/>.</summary>
    public IEnumerable<int> ChunksCovering(int first, int last)
    {
        for (int k = ChunkOf(first); k <= ChunkOf(last); k++)
            yield return k;
    }

    private void CheckChunk(int chunk)
    {
        if (chunk < 0 || chunk >= ChunkCount)
            throw new TdmException(TdmErrorKind.BadArgument, $"chunk {chunk} is outside the grid (0..{ChunkCount - 1})");
    }
}
