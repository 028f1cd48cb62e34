using Tdm.Engine.Imaging;

namespace Tdm.Engine.Video;

/// <summary>
/// Splits a chunk's context frames into shots, so that temporal attention never mixes two shots (a window that
/// averages keys and values across a cut blends them). The measure, in the spirit of PySceneDetect's content detector:
/// each frame is reduced to a luma thumbnail (Rec. 601, area-averaged to <see cref="ThumbnailLongSide"/> cells on its
/// long side, which removes noise and small motion), and the cut score of a pair of consecutive frames is the mean
/// absolute difference of their thumbnails, in [0, 1]. A score above the threshold is a cut. A slow fade or a pan
/// moves the thumbnails a little per frame and stays below it; a fade to black within a few frames or a flash may
/// read as a cut (raise the threshold, or turn detection off).
/// </summary>
/// <remarks>The decision depends on the context frames alone, in a fixed summation order, so every render of a
/// chunk (a range, a farm split, a single frame) sees the same shots.</remarks>
internal static class SceneCuts
{
    /// <summary>Cells on a thumbnail's long side.</summary>
    public const int ThumbnailLongSide = 32;

    /// <summary>The cut score of each consecutive pair (frames.Count - 1 values).</summary>
    public static double[] Scores(IReadOnlyList<Frame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var thumbnails = frames.Select(Thumbnail).ToArray();
        var scores = new double[Math.Max(0, frames.Count - 1)];
        for (int t = 0; t < scores.Length; t++)
        {
            double[] a = thumbnails[t], b = thumbnails[t + 1];
            if (a.Length != b.Length)
            {
                scores[t] = 1; // frames of different sizes are different shots
                continue;
            }
            double sum = 0;
            for (int i = 0; i < a.Length; i++)
                sum += Math.Abs(a[i] - b[i]);
            scores[t] = sum / a.Length;
        }
        return scores;
    }

    /// <summary>
    /// The lengths of the shots <paramref name="frames"/> fall into, in order (they sum to frames.Count): a new shot
    /// starts after every pair whose score exceeds <paramref name="threshold"/>.
    /// </summary>
    public static int[] Shots(IReadOnlyList<Frame> frames, double threshold)
    {
        var shots = new List<int>();
        int start = 0;
        var scores = Scores(frames);
        for (int t = 0; t < scores.Length; t++)
        {
            if (scores[t] > threshold)
            {
                shots.Add(t + 1 - start);
                start = t + 1;
            }
        }
        shots.Add(frames.Count - start);
        return [.. shots];
    }

    /// <summary>The frame's luma averaged over a grid of cells (row-major), <see cref="ThumbnailLongSide"/> on the long side.</summary>
    internal static double[] Thumbnail(Frame frame)
    {
        int w = frame.Width, h = frame.Height, longSide = Math.Max(w, h);
        int cells = Math.Min(ThumbnailLongSide, longSide);
        int cols = w >= h ? cells : Math.Max(1, (int)Math.Round((double)w * cells / longSide));
        int rows = h > w ? cells : Math.Max(1, (int)Math.Round((double)h * cells / longSide));
        var sums = new double[rows * cols];
        var counts = new int[rows * cols];
        float[] px = frame.Pixels;
        for (int y = 0; y < h; y++)
        {
            int row = (int)((long)y * rows / h);
            for (int x = 0; x < w; x++)
            {
                int i = ((y * w) + x) * 4, cell = (row * cols) + (int)((long)x * cols / w);
                sums[cell] += (0.299 * px[i]) + (0.587 * px[i + 1]) + (0.114 * px[i + 2]);
                counts[cell]++;
            }
        }
        for (int c = 0; c < sums.Length; c++)
            sums[c] /= counts[c];
        return sums;
    }
}
