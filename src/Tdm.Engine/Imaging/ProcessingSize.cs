namespace Tdm.Engine.Imaging;

/// <summary>
/// The sizes one frame goes through: the input, the output (input times the super-resolution scale), the content
/// (the frame resized for the networks) and the canvas the networks see (the content padded to multiples of 64: the
/// VAE divides by 8 and the U-Net by 8 more). Two ways to choose the content:
/// <list type="bullet">
/// <item><see cref="AtFullResolution"/> (the default): the output's own size, enlarged only when its short side is below
/// the model's native 512 (as the paper does); the sides are padded (reflect), never resampled, and cropped back after
/// decoding.</item>
/// <item><see cref="For"/>: the paper's pre-processing as an explicit choice (a fast draft): resize so the short side is
/// a given length, both sides rounded to multiples of 64 (no padding).</item>
/// </list>
/// </summary>
/// <param name="InputWidth">Width of the frame as it arrives.</param>
/// <param name="InputHeight">Height of the frame as it arrives.</param>
/// <param name="OutputWidth">Width of the restored frame handed back: input width times the scale.</param>
/// <param name="OutputHeight">Height of the restored frame handed back: input height times the scale.</param>
/// <param name="ContentWidth">Width of the frame resized for the networks (before padding).</param>
/// <param name="ContentHeight">Height of the frame resized for the networks (before padding).</param>
/// <param name="Width">Width the networks process: the content padded to a multiple of 64.</param>
/// <param name="Height">Height the networks process: the content padded to a multiple of 64.</param>
internal readonly record struct ProcessingSize(int InputWidth, int InputHeight, int OutputWidth, int OutputHeight,
    int ContentWidth, int ContentHeight, int Width, int Height)
{
    /// <summary>The paper's short side, the model's native size.</summary>
    public const int DefaultShortSide = 512;

    /// <summary>Both processing sides are multiples of this (VAE /8 times U-Net /8).</summary>
    public const int DefaultMultiple = 64;

    /// <summary>
    /// Cap on the processing long side when resizing to a short side (4x the short side): keeps extreme strips (a
    /// 3x200 input) from asking for a 512x34,000 canvas; their short side then ends below the target.
    /// </summary>
    public const int DefaultMaxLongSide = 2048;

    /// <summary>Cap on either side of the canvas at full resolution (8K), so a corrupt size cannot ask for terabytes.</summary>
    public const int MaxSide = 8192;

    /// <summary>
    /// The sizes at full resolution for a <paramref name="width"/> x <paramref name="height"/> input: the content is the
    /// output (input x <paramref name="scale"/>), enlarged (aspect kept) only when its short side is below
    /// <paramref name="minShortSide"/>; the canvas pads it up to multiples of 64.
    /// </summary>
    public static ProcessingSize AtFullResolution(int width, int height, int scale = 1, int minShortSide = DefaultShortSide)
    {
        var (outW, outH) = Output(width, height, scale);
        double factor = Math.Max(1.0, (double)minShortSide / Math.Min(outW, outH));
        int contentW = (int)Math.Round(outW * factor), contentH = (int)Math.Round(outH * factor);
        int w = PadTo(contentW, DefaultMultiple), h = PadTo(contentH, DefaultMultiple);
        if (w > MaxSide || h > MaxSide)
            throw new TdmException(TdmErrorKind.BadArgument,
                $"the output {outW}x{outH} ({width}x{height} x{scale}) is larger than {MaxSide} pixels on a side: restore at a lower scale or give a processing short side");
        return new ProcessingSize(width, height, outW, outH, contentW, contentH, w, h);
    }

    /// <summary>
    /// The sizes for a <paramref name="width"/> x <paramref name="height"/> input resized to a short side: output =
    /// input x <paramref name="scale"/>; the processing size scales the output so its short side is
    /// <paramref name="shortSide"/> (unless the long side would pass <paramref name="maxLongSide"/>; then the long
    /// side is the cap), keeps the aspect ratio, and rounds each side to the nearest multiple of
    /// <paramref name="multiple"/> (at least one multiple). Throws <see cref="TdmException"/>
    /// (<see cref="TdmErrorKind.BadArgument"/>) for sizes or options out of range.
    /// </summary>
    public static ProcessingSize For(int width, int height, int scale = 1, int shortSide = DefaultShortSide,
        int multiple = DefaultMultiple, int maxLongSide = DefaultMaxLongSide)
    {
        if (multiple < 1)
            throw new TdmException(TdmErrorKind.BadArgument, $"size multiple {multiple} must be positive (64 for Stable Diffusion)");
        if (shortSide < multiple)
            throw new TdmException(TdmErrorKind.BadArgument, $"short side {shortSide} must be at least the multiple {multiple}");
        if (maxLongSide < shortSide)
            throw new TdmException(TdmErrorKind.BadArgument, $"long-side cap {maxLongSide} must be at least the short side {shortSide}");
        var (outW, outH) = Output(width, height, scale);
        double factor = (double)shortSide / Math.Min(outW, outH);
        factor = Math.Min(factor, (double)maxLongSide / Math.Max(outW, outH));
        int w = Round(outW * factor, multiple), h = Round(outH * factor, multiple);
        return new ProcessingSize(width, height, outW, outH, w, h, w, h);
    }

    /// <summary>Processing size over output size, horizontally (below 1 when the networks work on a smaller canvas).</summary>
    public double ScaleX => (double)ContentWidth / OutputWidth;

    /// <summary>Processing size over output size, vertically.</summary>
    public double ScaleY => (double)ContentHeight / OutputHeight;

    private static (int Width, int Height) Output(int width, int height, int scale)
    {
        if (width <= 0 || height <= 0)
            throw new TdmException(TdmErrorKind.BadArgument, $"frame size {width}x{height} must be positive");
        if (scale < 1 || scale > 16)
            throw new TdmException(TdmErrorKind.BadArgument, $"super-resolution scale {scale} must be between 1 and 16");
        long outW = (long)width * scale, outH = (long)height * scale;
        if (outW > int.MaxValue / 4 || outH > int.MaxValue / 4)
            throw new TdmException(TdmErrorKind.BadArgument, $"output size {outW}x{outH} ({width}x{height} x{scale}) is too large");
        return ((int)outW, (int)outH);
    }

    private static int PadTo(int size, int multiple) => (size + multiple - 1) / multiple * multiple;

    private static int Round(double size, int multiple) =>
        Math.Max(multiple, (int)Math.Round(size / multiple, MidpointRounding.AwayFromZero) * multiple);
}
