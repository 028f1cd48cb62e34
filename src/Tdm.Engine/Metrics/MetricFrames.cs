using Tdm.Engine.Imaging;

namespace Tdm.Engine.Metrics;

/// <summary>Checks and helpers shared by the metrics.</summary>
internal static class MetricFrames
{
    public static void CheckSameSize(Frame a, Frame b, string metric)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Width != b.Width || a.Height != b.Height)
            throw new TdmException(TdmErrorKind.BadArgument,
                $"{metric} compares frames of one size, got {a.Width}x{a.Height} and {b.Width}x{b.Height}: resize one first");
    }

    /// <summary>Sum in index order: per-row partial sums reduced this way do not depend on thread scheduling.</summary>
    public static double SumInOrder(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
            sum += v;
        return sum;
    }

    /// <summary>One RGB channel (0..2) or Rec. 601 luma (-1) of a frame as a plane of floats.</summary>
    public static float[] Plane(Frame frame, int channel)
    {
        float[] px = frame.Pixels;
        var plane = new float[frame.Width * frame.Height];
        int w = frame.Width;
        Parallel.For(0, frame.Height, y =>
        {
            var row = px.AsSpan(y * w * 4, w * 4);
            var dst = plane.AsSpan(y * w, w);
            if (channel < 0)
            {
                // Y' = 0.299 R + 0.587 G + 0.114 B, the luma SSIM is customarily reported on (MATLAB's rgb2gray).
                for (int x = 0; x < w; x++)
                    dst[x] = (0.299f * row[4 * x]) + (0.587f * row[(4 * x) + 1]) + (0.114f * row[(4 * x) + 2]);
            }
            else
            {
                for (int x = 0; x < w; x++)
                    dst[x] = row[(4 * x) + channel];
            }
        });
        return plane;
    }
}
