namespace Tdm.Engine.Imaging;

/// <summary>
/// The sizes one frame goes through: the input, the output (input times the super-resolution scale) and the
/// processing size the networks see. The paper's pre-processing: resize so the short side is 512, both sides
/// multiples of 64 (the VAE divides by 8 and the U-Net by 8 more). Super-resolution upsamples the input to the
/// output size first and restores it there; the restored frame is resized back to the output size.
/// </summary>
/// <param name="InputWidth">Width of the frame as it arrives.</param>
/// <param name="InputHeight">Height of the frame as it arrives.</param>
/// <param name="OutputWidth">Width of the restored frame handed back: input width times the scale.</param>
/// <param name="OutputHeight">Height of the restored frame handed back: input height times the scale.</param>
/// <param name="Width">Width the networks process, a multiple of the chosen multiple.</param>
/// <param name="Height">Height the networks process, a multiple of the chosen multiple.</param>
internal readonly record struct ProcessingSize(int InputWidth, int InputHeight, int OutputWidth, int OutputHeight, int Width, int Height)
{
    /// <summary>The paper's short side.</summary>
    public const int DefaultShortSide = 512;

    /// <summary>Both processing sides are multiples of this (VAE /8 times U-Net /8).</summary>
    public const int DefaultMultiple = 64;

    /// <summary>
    /// Cap on the processing long side (4x the short side): keeps extreme strips (a 3x200 input) from asking for
    /// a 512x34,000 canvas; their short side then ends below the target.
    /// </summary>
    public const int DefaultMaxLongSide = 2048;

    /// <summary>
    /// The sizes for a <paramref name="width"/> x <paramref name="height"/> input: output = input x
    /// <paramref name="scale"/>; the processing size scales the output so its short side is
    /// <paramref name="shortSide"/> (unless the long side would pass <paramref name="maxLongSide"/>; then the long
    /// side is the cap), keeps the aspect ratio, and rounds each side to the nearest multiple of
    /// <paramref name="multiple"/> (at least one multiple). Throws <see cref="TdmException"/>
    /// (<see cref="TdmErrorKind.BadArgument"/>) for sizes or options out of range.
    /// </summary>
    public static ProcessingSize For(int width, int height, int scale = 1, int shortSide = DefaultShortSide,
        int multiple = DefaultMultiple, int maxLongSide = DefaultMaxLongSide)
    {
        if (width <= 0 || height <= 0)
            throw new TdmException(TdmErrorKind.BadArgument, $"frame size {width}x{height} must be positive");
        if (scale < 1 || scale > 16)
            throw new TdmException(TdmErrorKind.BadArgument, $"super-resolution scale {scale} must be between 1 and 16");
        if (multiple < 1)
            throw new TdmException(TdmErrorKind.BadArgument, $"size multiple {multiple} must be positive (64 for Stable Diffusion)");
        if (shortSide < multiple)
            throw new TdmException(TdmErrorKind.BadArgument, $"short side {shortSide} must be at least the multiple {multiple}");
        if (maxLongSide < shortSide)
            throw new TdmException(TdmErrorKind.BadArgument, $"long-side cap {maxLongSide} must be at least the short side {shortSide}");

        long outW = (long)width * scale, outH = (long)height * scale;
        if (outW > int.MaxValue / 4 || outH > int.MaxValue / 4)
            throw new TdmException(TdmErrorKind.BadArgument, $"output size {outW}x{outH} ({width}x{height} x{scale}) is too large");
        double factor = (double)shortSide / Math.Min(outW, outH);
        factor = Math.Min(factor, (double)maxLongSide / Math.Max(outW, outH));
        return new ProcessingSize(width, height, (int)outW, (int)outH, Round(outW * factor, multiple), Round(outH * factor, multiple));
    }

    /// <summary>Processing size over output size, horizontally (below 1 when the networks work on a smaller canvas).</summary>
    public double ScaleX => (double)Width / OutputWidth;

    /// <summary>Processing size over output size, vertically.</summary>
    public double ScaleY => (double)Height / OutputHeight;

    private static int Round(double size, int multiple) =>
        Math.Max(multiple, (int)Math.Round(size / multiple, MidpointRounding.AwayFromZero) * multiple);
}
