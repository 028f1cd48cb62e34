using System.Globalization;
using Tdm.Cli.Restore;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Media;

/// <summary>
/// Encodes cached frames into a video file with ffmpeg (raw frames piped in, the input's audio for the same span
/// mapped in from the input file), into a temporary file beside the output that is renamed into place when ffmpeg
/// succeeds. Cancellation stops ffmpeg and leaves the cache for a rerun.
/// </summary>
internal sealed class VideoEncoder(FfmpegTools tools)
{
    /// <summary>
    /// Encodes frames <paramref name="first"/>..<paramref name="last"/> (input numbers) of <paramref name="cache"/>
    /// into <paramref name="outputPath"/> at the input's frame rate.
    /// </summary>
    public void Encode(RawFrameCache cache, int first, int last, MediaInfo input, VideoEncoding encoding, string outputPath, CancellationToken cancel)
    {
        var temporary = AtomicFile.TemporaryPathFor(outputPath);
        var args = new List<string>
        {
            "-nostdin", "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", RawPixels.FfmpegName(cache.Format), "-s", $"{cache.Width}x{cache.Height}",
            "-framerate", input.Rate.ToString(), "-i", "-",
        };
        var withAudio = input.HasAudio && input.Sequence is null;
        if (withAudio)
        {
            // The audio of the same span as the frames; -ss on an input seeks to the packet at or before it.
            var start = input.VideoStartOffset + ((first - input.FirstNumber) / input.Rate.PerSecond);
            var duration = (last - first + 1) / input.Rate.PerSecond;
            if (first > input.FirstNumber)
                args.AddRange(["-ss", Seconds(start)]);
            args.AddRange(["-t", Seconds(duration), "-i", input.Path, "-map", "0:v:0", "-map", "1:a?"]);
            args.AddRange(encoding.AudioArguments);
        }
        args.AddRange(encoding.VideoArguments);
        args.AddRange(["-f", encoding.Muxer, temporary]);

        try
        {
            using var process = tools.Start(tools.Ffmpeg, args, redirectInput: true, TdmErrorKind.Output);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                var stdin = process.StandardInput.BaseStream;
                for (var number = first; number <= last; number++)
                {
                    if (cancel.IsCancellationRequested)
                    {
                        process.Kill();
                        process.WaitForExit();
                        cancel.ThrowIfCancellationRequested();
                    }
                    stdin.Write(cache.Read(number));
                }
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // ffmpeg stopped reading; its exit code and message below say why.
            }
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(temporary))
                throw new TdmException(TdmErrorKind.Output, $"cannot encode '{outputPath}': ffmpeg says: {FfmpegTools.Tail(errors.GetAwaiter().GetResult())}");
            AtomicFile.Commit(temporary, outputPath);
        }
        finally
        {
            AtomicFile.DeleteIfPresent(temporary);
        }
    }

    private static string Seconds(double seconds) => seconds.ToString("0.#########", CultureInfo.InvariantCulture);
}
