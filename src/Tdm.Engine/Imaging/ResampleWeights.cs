namespace Tdm.Engine.Imaging;

/// <summary>
/// The taps of a 1-D resampling from <c>srcSize</c> to <c>dstSize</c> samples: for output sample i, weights
/// <c>Weights[i*Stride .. i*Stride+Count[i])</c> apply to input samples <c>Start[i]..</c>. Edge taps are folded
/// onto the border sample (clamp-to-edge) and every row of weights sums to 1.
/// </summary>
internal sealed class ResampleWeights
{
    private ResampleWeights(int[] start, int[] count, float[] weights, int stride)
    {
        Start = start;
        Count = count;
        Weights = weights;
        Stride = stride;
    }

    public int[] Start { get; }

    public int[] Count { get; }

    public float[] Weights { get; }

    public int Stride { get; }

    public static ResampleWeights Create(int srcSize, int dstSize, ResampleFilter filter)
    {
        double scale = (double)srcSize / dstSize;
        // Downscaling stretches the kernel by the scale factor so it also low-passes (antialiasing);
        // upscaling keeps the kernel's natural width.
        double filterScale = Math.Max(1.0, scale);
        double radius = filter == ResampleFilter.Lanczos3 ? 3.0 : 2.0;
        double support = radius * filterScale;
        int stride = (2 * (int)Math.Ceiling(support)) + 1;
        var start = new int[dstSize];
        var count = new int[dstSize];
        var weights = new float[dstSize * stride];
        var buffer = new double[stride];
        for (int i = 0; i < dstSize; i++)
        {
            // Pixel centres align: output centre i + 0.5 maps to input position (i + 0.5) * scale.
            double center = ((i + 0.5) * scale) - 0.5;
            int lo = (int)Math.Ceiling(center - support);
            int hi = (int)Math.Floor(center + support);
            int first = Math.Clamp(lo, 0, srcSize - 1);
            int last = Math.Clamp(hi, 0, srcSize - 1);
            Array.Clear(buffer);
            double sum = 0;
            for (int j = lo; j <= hi; j++)
            {
                double w = Kernel(filter, (j - center) / filterScale);
                buffer[Math.Clamp(j, 0, srcSize - 1) - first] += w;
                sum += w;
            }
            start[i] = first;
            count[i] = last - first + 1;
            for (int k = 0; k < count[i]; k++)
                weights[(i * stride) + k] = (float)(buffer[k] / sum);
        }
        return new ResampleWeights(start, count, weights, stride);
    }

    private static double Kernel(ResampleFilter filter, double x)
    {
        x = Math.Abs(x);
        if (filter == ResampleFilter.Lanczos3)
            return x < 1e-12 ? 1.0 : x >= 3.0 ? 0.0 : 3.0 * Math.Sin(Math.PI * x) * Math.Sin(Math.PI * x / 3.0) / (Math.PI * Math.PI * x * x);
        // Catmull-Rom: Mitchell-Netravali with B = 0, C = 0.5.
        return x < 1.0 ? (1.5 * x * x * x) - (2.5 * x * x) + 1.0
            : x < 2.0 ? (-0.5 * x * x * x) + (2.5 * x * x) - (4.0 * x) + 2.0
            : 0.0;
    }
}
