namespace Tdm.Engine.Imaging;

/// <summary>
/// Conversions between <see cref="Frame"/>s (interleaved RGBA) and the planar NCHW float tensors the networks take:
/// the ControlNet's conditioning image in [0, 1], padded to the networks' canvas as it is written, and the VAE's
/// decoded output back into a frame (clamp(x / 2 + 0.5, 0, 1)), cropped to the content as it is read. Padding and
/// cropping in the conversion spare a frame-sized copy of each frame on the way in and on the way out. Alpha never
/// enters a network; it is carried around it.
/// </summary>
internal static class FrameTensors
{
    /// <summary>
    /// Writes <paramref name="frame"/>'s conditioning image ([0, 1]) as [3, <paramref name="height"/>,
    /// <paramref name="width"/>] into <paramref name="destination"/>: the frame at the top left, reflected into the
    /// columns on the right and the rows below (<see cref="FramePadding"/>).
    /// </summary>
    public static unsafe void WriteConditioning(Frame frame, Span<float> destination, int width, int height)
    {
        int fw = frame.Width, fh = frame.Height;
        int plane = width * height;
        if (width < fw || height < fh)
            throw new TdmException(TdmErrorKind.Internal, $"cannot pad a {fw}x{fh} frame to {width}x{height}");
        if (destination.Length < 3 * plane)
            throw new TdmException(TdmErrorKind.Internal,
                $"destination of {destination.Length} floats is too small for a 3x{height}x{width} image ({3 * plane})");
        fixed (float* p = destination)
        {
            nint dst = (nint)p;
            float[] src = frame.Pixels;
            Parallel.For(0, height, y =>
            {
                var r = new Span<float>((float*)dst + (y * width), width);
                var g = new Span<float>((float*)dst + plane + (y * width), width);
                var b = new Span<float>((float*)dst + (2 * plane) + (y * width), width);
                var row = new ReadOnlySpan<float>(src, FramePadding.Mirror(y, fh) * fw * 4, fw * 4);
                for (int x = 0; x < width; x++)
                {
                    int i = 4 * (x < fw ? x : FramePadding.Mirror(x, fw));
                    r[x] = row[i];
                    g[x] = row[i + 1];
                    b[x] = row[i + 2];
                }
            });
        }
    }

    /// <summary>
    /// A new <paramref name="contentWidth"/> x <paramref name="contentHeight"/> frame from the top left of image
    /// <paramref name="index"/> of a decoded [N, 3, <paramref name="height"/>, <paramref name="width"/>] tensor in
    /// [-1, 1]: RGB = clamp(x / 2 + 0.5, 0, 1); alpha 1 (the input's alpha is put back in the chunk's finishing step).
    /// </summary>
    public static unsafe Frame FromVaeOutput(ReadOnlySpan<float> decoded, int index, int width, int height, int contentWidth, int contentHeight)
    {
        long plane = (long)width * height;
        if (width <= 0 || height <= 0 || index < 0 || (index + 1) * 3 * plane > decoded.Length)
            throw new TdmException(TdmErrorKind.Internal,
                $"decoded tensor of {decoded.Length} floats has no image {index} of 3x{height}x{width}");
        if (contentWidth <= 0 || contentHeight <= 0 || contentWidth > width || contentHeight > height)
            throw new TdmException(TdmErrorKind.Internal, $"cannot crop {contentWidth}x{contentHeight} from a {width}x{height} image");
        var frame = new Frame(contentWidth, contentHeight);
        fixed (float* p = decoded)
        {
            nint image = (nint)(p + (index * 3 * plane));
            float[] dst = frame.Pixels;
            Parallel.For(0, contentHeight, y =>
            {
                var r = new ReadOnlySpan<float>((float*)image + (y * width), contentWidth);
                var g = new ReadOnlySpan<float>((float*)image + plane + (y * width), contentWidth);
                var b = new ReadOnlySpan<float>((float*)image + (2 * plane) + (y * width), contentWidth);
                var row = dst.AsSpan(y * contentWidth * 4, contentWidth * 4);
                for (int x = 0; x < contentWidth; x++)
                {
                    row[4 * x] = Math.Clamp((r[x] * 0.5f) + 0.5f, 0f, 1f);
                    row[(4 * x) + 1] = Math.Clamp((g[x] * 0.5f) + 0.5f, 0f, 1f);
                    row[(4 * x) + 2] = Math.Clamp((b[x] * 0.5f) + 0.5f, 0f, 1f);
                    row[(4 * x) + 3] = 1f;
                }
            });
        }
        return frame;
    }

    /// <summary>Image <paramref name="index"/> of a decoded [N, 3, H, W] tensor as a whole frame.</summary>
    public static Frame FromVaeOutput(ReadOnlySpan<float> decoded, int index, int width, int height) =>
        FromVaeOutput(decoded, index, width, height, width, height);
}
