using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Media;

/// <summary>
/// How an output image sequence's files are encoded: png (8/16-bit), tiff (8/16-bit, LZW) or exr (half/float,
/// ZIP). The depth is the input's where the format allows it, or the one asked for; alpha is kept when the input has it.
/// </summary>
internal sealed record ImageFormat(string Extension, SampleDepth Depth, bool Alpha)
{
    /// <summary>The image file extensions an output sequence may have.</summary>
    public static readonly IReadOnlyList<string> Extensions = ["png", "tif", "tiff", "exr"];

    /// <summary>The raw layout frames are piped to ffmpeg in.</summary>
    public RawPixelFormat Raw => Extension == "exr" ? RawPixels.For(SampleDepth.Float, Alpha) : RawPixels.For(Depth);

    /// <summary>Chooses the format for an output with this extension.</summary>
    /// <param name="extension">Lower-case extension without the dot.</param>
    /// <param name="inputDepth">The input's sample depth, kept where the format allows.</param>
    /// <param name="inputAlpha">Whether the input has alpha (kept: all three formats store it).</param>
    /// <param name="requested">A depth the user asked for (--depth), or null to follow the input.</param>
    public static ImageFormat Choose(string extension, SampleDepth inputDepth, bool inputAlpha, SampleDepth? requested)
    {
        switch (extension)
        {
            case "png" or "tif" or "tiff":
                if (requested is SampleDepth.Half or SampleDepth.Float)
                    throw new TdmException(TdmErrorKind.BadArgument, $"--depth {DepthName(requested.Value)} cannot be stored in .{extension} (8 or 16 bits); use .exr for float output");
                return new ImageFormat(extension, requested ?? (inputDepth == SampleDepth.Bits8 ? SampleDepth.Bits8 : SampleDepth.Bits16), inputAlpha);
            case "exr":
                if (requested is SampleDepth.Bits8 or SampleDepth.Bits16)
                    throw new TdmException(TdmErrorKind.BadArgument, $"--depth {DepthName(requested.Value)} cannot be stored in .exr (half or float); use .png or .tiff for integer output");
                return new ImageFormat(extension, requested ?? (inputDepth == SampleDepth.Half ? SampleDepth.Half : SampleDepth.Float), inputAlpha);
            default:
                throw new TdmException(TdmErrorKind.BadArgument, $"image sequences are written as {string.Join(", ", Extensions)}; '.{extension}' is not one of them");
        }
    }

    /// <summary>The --depth spelling of a depth.</summary>
    public static string DepthName(SampleDepth depth) => depth switch
    {
        SampleDepth.Bits8 => "8",
        SampleDepth.Bits16 => "16",
        SampleDepth.Half => "half",
        _ => "float",
    };

    /// <summary>ffmpeg output arguments (codec, pixel format, codec options) for one file of this format.</summary>
    public IReadOnlyList<string> EncoderArguments() => Extension switch
    {
        "png" => ["-c:v", "png", "-pix_fmt", (Depth, Alpha) switch
        {
            (SampleDepth.Bits8, true) => "rgba",
            (SampleDepth.Bits8, false) => "rgb24",
            (_, true) => "rgba64be",
            _ => "rgb48be",
        }],
        "exr" => ["-c:v", "exr", "-pix_fmt", Alpha ? "gbrapf32le" : "gbrpf32le", "-format", Depth == SampleDepth.Half ? "half" : "float", "-compression", "zip1"],
        _ => ["-c:v", "tiff", "-compression_algo", "lzw", "-pix_fmt", (Depth, Alpha) switch
        {
            (SampleDepth.Bits8, true) => "rgba",
            (SampleDepth.Bits8, false) => "rgb24",
            (_, true) => "rgba64le",
            _ => "rgb48le",
        }],
    };
}
