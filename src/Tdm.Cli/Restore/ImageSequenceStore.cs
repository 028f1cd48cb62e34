using Tdm.Cli.Media;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Imaging;

namespace Tdm.Cli.Restore;

/// <summary>
/// Restored frames as an image sequence (png, tiff, exr) named by the output pattern with the input's frame numbers.
/// Each frame is encoded by one ffmpeg run into a temporary file beside it and renamed into place.
/// </summary>
internal sealed class ImageSequenceStore(SequencePattern pattern, ImageFormat format, FfmpegTools tools) : IFrameStore
{
    /// <summary>The output pattern.</summary>
    public SequencePattern Pattern { get; } = pattern;

    /// <summary>How frames are encoded.</summary>
    public ImageFormat Format { get; } = format;

    /// <inheritdoc/>
    public string PathOf(int number) => Pattern.PathOf(number);

    /// <inheritdoc/>
    public bool Has(int number) => File.Exists(PathOf(number));

    /// <inheritdoc/>
    public void Write(int number, Frame frame)
    {
        var final = PathOf(number);
        var temporary = AtomicFile.TemporaryPathFor(final);
        var args = new List<string>
        {
            "-nostdin", "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", RawPixels.FfmpegName(Format.Raw), "-s", $"{frame.Width}x{frame.Height}", "-i", "-",
            "-frames:v", "1",
        };
        args.AddRange(Format.EncoderArguments());
        args.AddRange(["-f", "image2", "-update", "1", temporary]);

        var raw = RawPixels.FromFrame(frame, Format.Raw);
        try
        {
            using var process = tools.Start(tools.Ffmpeg, args, redirectInput: true, TdmErrorKind.Output);
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                process.StandardInput.BaseStream.Write(raw);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // ffmpeg closed its input early; its exit code and message below say why.
            }
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(temporary))
                throw new TdmException(TdmErrorKind.Output, $"cannot write frame {number} to '{final}': ffmpeg says: {FfmpegTools.Tail(errors.GetAwaiter().GetResult())}");
            AtomicFile.Commit(temporary, final);
        }
        finally
        {
            AtomicFile.DeleteIfPresent(temporary);
        }
    }
}
