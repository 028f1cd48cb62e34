namespace Tdm.Engine.Imaging;

/// <summary>
/// Pads a frame to the networks' canvas and crops it back. Reflection (without repeating the edge pixel, like
/// PyTorch's "reflect") continues the image's texture across the border, so the padding neither darkens the edges
/// through the VAE nor pulls SW-CFA's keys towards a constant band.
/// </summary>
internal static class FramePadding
{
    /// <summary>A new <paramref name="width"/> x <paramref name="height"/> frame: <paramref name="source"/> at the
    /// top left, reflected into the columns on the right and the rows below. The same size returns
    /// <paramref name="source"/> itself (the caller's frame is already its own copy: no second pass per frame).</summary>
    public static Frame Reflect(Frame source, int width, int height)
    {
        if (width == source.Width && height == source.Height)
            return source;
        if (width < source.Width || height < source.Height)
            throw new TdmException(TdmErrorKind.Internal, $"cannot pad a {source.Width}x{source.Height} frame to {width}x{height}");
        var padded = new Frame(width, height);
        for (int y = 0; y < height; y++)
        {
            int sy = Mirror(y, source.Height);
            for (int x = 0; x < width; x++)
            {
                int sx = Mirror(x, source.Width);
                source.Pixels.AsSpan(((sy * source.Width) + sx) * 4, 4).CopyTo(padded.Pixels.AsSpan(((y * width) + x) * 4, 4));
            }
        }
        return padded;
    }

    /// <summary>The top-left <paramref name="width"/> x <paramref name="height"/> of <paramref name="source"/>; the same
    /// size returns <paramref name="source"/> itself.</summary>
    public static Frame Crop(Frame source, int width, int height)
    {
        if (width == source.Width && height == source.Height)
            return source;
        var cropped = new Frame(width, height);
        for (int y = 0; y < height; y++)
            source.Pixels.AsSpan(y * source.Width * 4, width * 4).CopyTo(cropped.Pixels.AsSpan(y * width * 4, width * 4));
        return cropped;
    }

    // Index i of a reflected sequence of n samples: 0 1 .. n-1 n-2 .. 1 0 1 ... (period 2n - 2).
    private static int Mirror(int i, int n)
    {
        if (n == 1)
            return 0;
        int period = (2 * n) - 2;
        i %= period;
        return i < n ? i : period - i;
    }
}
