namespace Tdm.Engine.Imaging;

/// <summary>
/// One picture in the engine's working format: interleaved RGBA, 32-bit float, straight (not premultiplied) alpha,
/// nominal range [0, 1], top row first. Hosts convert their pixel formats to and from this at the boundary.
/// </summary>
public sealed class Frame
{
    /// <summary>Creates a frame over existing pixels; <paramref name="pixels"/> must hold width*height*4 floats.</summary>
    public Frame(int width, int height, float[] pixels)
    {
        if (width <= 0 || height <= 0)
            throw new TdmException(TdmErrorKind.Input, $"a frame must have a positive size, got {width}x{height}");
        if (pixels.Length != (long)width * height * 4)
            throw new TdmException(TdmErrorKind.Input, $"a {width}x{height} RGBA frame needs {(long)width * height * 4} floats, got {pixels.Length}");
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Creates a transparent black frame.</summary>
    public Frame(int width, int height) : this(width, height, new float[(long)width * height * 4]) { }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Interleaved RGBA floats, row after row from the top.</summary>
    public float[] Pixels { get; }

    /// <summary>The four channels of pixel (x, y).</summary>
    public Span<float> this[int x, int y] => Pixels.AsSpan(((y * Width) + x) * 4, 4);

    /// <summary>A deep copy.</summary>
    public Frame Clone() => new(Width, Height, (float[])Pixels.Clone());

    /// <summary>
    /// A new <paramref name="width"/> x <paramref name="height"/> frame resampled from this one (Lanczos 3, the
    /// resampling restoration applies to its input, e.g. super-resolution's upscale); this frame is not modified.
    /// </summary>
    public Frame Resized(int width, int height) => Resampler.Resize(this, width, height);
}
