namespace Tdm.Engine.Imaging;

/// <summary>
/// Conversions between <see cref="Frame"/>s (interleaved RGBA) and the planar NCHW float tensors the networks take:
/// the VAE's input in [-1, 1] (2x - 1), the ControlNet's conditioning image in [0, 1], and the VAE's decoded output
/// back into a frame (clamp(x / 2 + 0.5, 0, 1)). Alpha never enters a network; it is carried around it.
/// </summary>
internal static class FrameTensors
{
    /// <summary>The VAE encoder's input for <paramref name="frames"/> (same size): a new [N, 3, H, W] tensor, 2x - 1.</summary>
    public static float[] ToVaeInput(IReadOnlyList<Frame> frames) => ToNchw(frames, 2f, -1f);

    /// <summary>The ControlNet's conditioning image for <paramref name="frames"/>: a new [N, 3, H, W] tensor in [0, 1].</summary>
    public static float[] ToConditioning(IReadOnlyList<Frame> frames) => ToNchw(frames, 1f, 0f);

    /// <summary>Writes one frame's VAE input (2x - 1) as [3, H, W] into <paramref name="destination"/>.</summary>
    public static void WriteVaeInput(Frame frame, Span<float> destination) => WritePlanar(frame, destination, 2f, -1f);

    /// <summary>Writes one frame's conditioning image ([0, 1]) as [3, H, W] into <paramref name="destination"/>.</summary>
    public static void WriteConditioning(Frame frame, Span<float> destination) => WritePlanar(frame, destination, 1f, 0f);

    /// <summary>
    /// A new frame from image <paramref name="index"/> of a decoded [N, 3, H, W] tensor in [-1, 1]:
    /// RGB = clamp(x / 2 + 0.5, 0, 1); alpha 1 (the input's alpha is put back after resizing, in the chunk's finishing step).
    /// </summary>
    public static Frame FromVaeOutput(ReadOnlySpan<float> decoded, int index, int width, int height)
    {
        long plane = (long)width * height;
        if (width <= 0 || height <= 0 || index < 0 || (index + 1) * 3 * plane > decoded.Length)
            throw new TdmException(TdmErrorKind.Internal,
                $"decoded tensor of {decoded.Length} floats has no image {index} of 3x{height}x{width}");
        var frame = new Frame(width, height);
        for (int i = 3; i < frame.Pixels.Length; i += 4)
            frame.Pixels[i] = 1f;
        ReadVaeOutput(decoded.Slice((int)(index * 3 * plane), (int)(3 * plane)), frame);
        return frame;
    }

    /// <summary>
    /// Writes a decoded [3, H, W] image in [-1, 1] into the RGB of <paramref name="destination"/> as
    /// clamp(x / 2 + 0.5, 0, 1), leaving its alpha as it is.
    /// </summary>
    public static unsafe void ReadVaeOutput(ReadOnlySpan<float> decoded, Frame destination)
    {
        int w = destination.Width, h = destination.Height;
        int plane = w * h;
        if (decoded.Length != 3 * plane)
            throw new TdmException(TdmErrorKind.Internal,
                $"decoded image has {decoded.Length} floats, a 3x{h}x{w} frame needs {3 * plane}");
        fixed (float* p = decoded)
        {
            nint src = (nint)p;
            float[] dst = destination.Pixels;
            Parallel.For(0, h, y =>
            {
                var r = new ReadOnlySpan<float>((float*)src + (y * w), w);
                var g = new ReadOnlySpan<float>((float*)src + plane + (y * w), w);
                var b = new ReadOnlySpan<float>((float*)src + (2 * plane) + (y * w), w);
                var row = dst.AsSpan(y * w * 4, w * 4);
                for (int x = 0; x < w; x++)
                {
                    row[4 * x] = Math.Clamp((r[x] * 0.5f) + 0.5f, 0f, 1f);
                    row[(4 * x) + 1] = Math.Clamp((g[x] * 0.5f) + 0.5f, 0f, 1f);
                    row[(4 * x) + 2] = Math.Clamp((b[x] * 0.5f) + 0.5f, 0f, 1f);
                }
            });
        }
    }

    private static float[] ToNchw(IReadOnlyList<Frame> frames, float scale, float offset)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0)
            throw new TdmException(TdmErrorKind.Internal, "no frames to convert to a tensor");
        int w = frames[0].Width, h = frames[0].Height;
        int image = 3 * w * h;
        var tensor = new float[(long)frames.Count * image];
        for (int n = 0; n < frames.Count; n++)
        {
            CheckSize(frames[n], w, h, $"frame {n}");
            WritePlanar(frames[n], tensor.AsSpan(n * image, image), scale, offset);
        }
        return tensor;
    }

    private static unsafe void WritePlanar(Frame frame, Span<float> destination, float scale, float offset)
    {
        int w = frame.Width, h = frame.Height;
        int plane = w * h;
        if (destination.Length < 3 * plane)
            throw new TdmException(TdmErrorKind.Internal,
                $"destination of {destination.Length} floats is too small for a 3x{h}x{w} image ({3 * plane})");
        fixed (float* p = destination)
        {
            nint dst = (nint)p;
            float[] src = frame.Pixels;
            Parallel.For(0, h, y =>
            {
                var r = new Span<float>((float*)dst + (y * w), w);
                var g = new Span<float>((float*)dst + plane + (y * w), w);
                var b = new Span<float>((float*)dst + (2 * plane) + (y * w), w);
                var row = new ReadOnlySpan<float>(src, y * w * 4, w * 4);
                for (int x = 0; x < w; x++)
                {
                    r[x] = (row[4 * x] * scale) + offset;
                    g[x] = (row[(4 * x) + 1] * scale) + offset;
                    b[x] = (row[(4 * x) + 2] * scale) + offset;
                }
            });
        }
    }

    private static void CheckSize(Frame frame, int width, int height, string what)
    {
        if (frame.Width != width || frame.Height != height)
            throw new TdmException(TdmErrorKind.Input,
                $"{what} is {frame.Width}x{frame.Height}, expected {width}x{height}: frames of one batch must share a size");
    }
}
