using Tdm.Cli.Media;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Imaging;

namespace Tdm.Cli.Restore;

/// <summary>
/// The frame cache of a video output (OUTPUT.frames/ beside it): each restored frame as raw pixels in the encoder's
/// input format, written atomically, so an interrupted run resumes and the video is encoded once at the end. A file
/// of the wrong size (another size or depth from an earlier run) counts as missing.
/// </summary>
internal sealed class RawFrameCache(string directory, RawPixelFormat format, int width, int height) : IFrameStore
{
    /// <summary>The cache folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>The raw layout of the cached frames.</summary>
    public RawPixelFormat Format { get; } = format;

    /// <summary>Frame width (the output's, after any super-resolution scale).</summary>
    public int Width { get; } = width;

    /// <summary>Frame height.</summary>
    public int Height { get; } = height;

    /// <summary>Bytes per cached frame.</summary>
    public long FrameBytes => RawPixels.FrameBytes(Format, Width, Height);

    /// <inheritdoc/>
    public string PathOf(int number) => Path.Combine(Directory, $"frame_{number:D6}.{RawPixels.FfmpegName(Format)}");

    /// <inheritdoc/>
    public bool Has(int number)
    {
        var file = new FileInfo(PathOf(number));
        return file.Exists && file.Length == FrameBytes;
    }

    /// <inheritdoc/>
    public void Write(int number, Frame frame)
    {
        if (frame.Width != Width || frame.Height != Height)
            throw new TdmException(TdmErrorKind.Internal, $"restored frame {number} is {frame.Width}x{frame.Height}, the video being written is {Width}x{Height}");
        AtomicFile.WriteAllBytes(PathOf(number), RawPixels.FromFrame(frame, Format));
    }

    /// <summary>The cached bytes of frame <paramref name="number"/>.</summary>
    public byte[] Read(int number) => File.ReadAllBytes(PathOf(number));
}
