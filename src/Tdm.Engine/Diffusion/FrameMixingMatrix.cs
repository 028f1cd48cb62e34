namespace Tdm.Engine.Diffusion;

/// <summary>
/// The frame-mixing matrices of temporal attention. A (F x F) says which frames' keys and values each frame attends
/// to; with classifier-free guidance the batch is [uncond frames; cond frames] and M = kron(I_groups, A), so mixing
/// never crosses the halves.
/// </summary>
internal static class FrameMixingMatrix
{
    /// <summary>A for <paramref name="frames"/> frames (row-major).</summary>
    public static float[] Frames(TemporalMode mode, int frames, int radius)
    {
        var a = new float[frames * frames];
        for (int i = 0; i < frames; i++)
        {
            switch (mode)
            {
                case TemporalMode.Off:
                    a[(i * frames) + i] = 1f;
                    break;
                case TemporalMode.FirstFrame:
                    // Text2Video-Zero's "1st as reference": every frame attends to frame 0.
                    a[i * frames] = 1f;
                    break;
                case TemporalMode.SwCfa:
                    // SW-CFA: the mean over the window i-r..i+r, clamped to the frames that exist.
                    int lo = Math.Max(0, i - radius), hi = Math.Min(frames - 1, i + radius);
                    float weight = 1f / (hi - lo + 1);
                    for (int j = lo; j <= hi; j++)
                        a[(i * frames) + j] = weight;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
            }
        }
        return a;
    }

    /// <summary>
    /// A for frames split into consecutive <paramref name="shots"/> (their lengths, summing to F): block-diagonal,
    /// each block the matrix of one shot, so no frame attends across a cut. Windows are clamped at a cut exactly as
    /// at the ends of the frames, and "first frame" means the first frame of the shot.
    /// </summary>
    public static float[] Frames(TemporalMode mode, IReadOnlyList<int> shots, int radius)
    {
        int frames = shots.Sum();
        if (shots.Any(s => s <= 0))
            throw new ArgumentOutOfRangeException(nameof(shots), string.Join(",", shots), "every shot has at least one frame");
        var a = new float[frames * frames];
        int start = 0;
        foreach (int length in shots)
        {
            var block = Frames(mode, length, radius);
            for (int i = 0; i < length; i++)
                Array.Copy(block, i * length, a, ((start + i) * frames) + start, length);
            start += length;
        }
        return a;
    }

    /// <summary>M = kron(I_groups, A) for a batch of <paramref name="groups"/> groups of F frames.</summary>
    public static float[] Batch(float[] a, int frames, int groups)
    {
        int n = frames * groups;
        var m = new float[n * n];
        for (int gi = 0; gi < groups; gi++)
            for (int i = 0; i < frames; i++)
                Array.Copy(a, i * frames, m, (((gi * frames) + i) * n) + (gi * frames), frames);
        return m;
    }
}
