namespace Tdm.Evaluation.Flow;

/// <summary>
/// A dense optical flow from one frame to another: for every pixel (x, y) of the first frame, the displacement
/// (dx, dy) in pixels to where it shows in the second, (x + dx, y + dy). Stored interleaved, row by row:
/// <c>Data[2 (y W + x)]</c> is dx, the next float dy.
/// </summary>
internal sealed class FlowField
{
    public FlowField(int width, int height, float[] data)
    {
        if (data.Length != 2L * width * height)
            throw new ArgumentException($"a {width}x{height} flow holds {2L * width * height} floats, got {data.Length}", nameof(data));
        (Width, Height, Data) = (width, height, data);
    }

    public int Width { get; }

    public int Height { get; }

    public float[] Data { get; }

    /// <summary>A flow that moves every pixel by (<paramref name="dx"/>, <paramref name="dy"/>).</summary>
    public static FlowField Uniform(int width, int height, float dx, float dy)
    {
        var data = new float[2 * width * height];
        for (int i = 0; i < data.Length; i += 2)
            (data[i], data[i + 1]) = (dx, dy);
        return new FlowField(width, height, data);
    }

    public float Dx(int x, int y) => Data[2 * ((y * Width) + x)];

    public float Dy(int x, int y) => Data[(2 * ((y * Width) + x)) + 1];
}
