using System.Globalization;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Degradations;

/// <summary>
/// MP4 compression artifacts from the codec itself: the crop is encoded as a one-frame MP4 by libx264 (or libx265)
/// at a drawn CRF in 4:2:0, through ffmpeg, and decoded back. Single-threaded encoders, so the same input gives the
/// same bytes. Records codec (h264|hevc), crf and bytes (the encoded file's size) under <paramref name="prefix"/>;
/// with <paramref name="keepFolder"/> the MP4 is kept there as PREFIX-PAIR.mp4 (tests decode it again).
/// </summary>
public sealed class CompressionDegradation(CompressionRanges ranges, FfmpegTools tools, string prefix = "mp4", string? keepFolder = null) : IDegradation
{
    /// <inheritdoc/>
    public string Name => "mp4";

    /// <inheritdoc/>
    public Frame Apply(Frame clean, PairRandom random, DegradationRecord record)
    {
        var hevc = random.Chance(ranges.HevcProbability);
        record.Add(prefix + "_codec", hevc ? "hevc" : "h264");
        var crf = record.Add(prefix + "_crf", (int)Math.Round(random.Uniform(hevc ? ranges.HevcCrf : ranges.H264Crf)));
        var folder = Directory.CreateTempSubdirectory("tdm-dataset-codec-").FullName;
        try
        {
            var file = Path.Combine(folder, "pair.mp4");
            var decoded = RoundTrip(clean, hevc, crf, file);
            var bytes = record.Add(prefix + "_bytes", new FileInfo(file).Length);
            if (keepFolder is not null)
                File.Copy(file, Path.Combine(keepFolder, $"{prefix}-crf{crf}-{bytes}.mp4"), overwrite: true);
            return decoded;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Encodes <paramref name="frame"/> into <paramref name="file"/> and returns its decoded frame.</summary>
    public Frame RoundTrip(Frame frame, bool hevc, int crf, string file)
    {
        var encode = new List<string>
        {
            "-nostdin", "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgba", "-s", $"{frame.Width}x{frame.Height}", "-r", "25", "-i", "-",
            "-frames:v", "1", "-pix_fmt", "yuv420p", "-crf", crf.ToString(CultureInfo.InvariantCulture), "-preset", "medium",
        };
        encode.AddRange(hevc
            ? ["-c:v", "libx265", "-x265-params", "log-level=error:pools=none:frame-threads=1", "-tag:v", "hvc1"]
            : ["-c:v", "libx264", "-threads", "1"]);
        encode.AddRange(["-map_metadata", "-1", "-fflags", "+bitexact", "-f", "mp4", file]);
        FfmpegPipe.Run(tools, encode, RawPixels.FromFrame(frame, RawPixelFormat.Rgba8), $"encode a crop with {(hevc ? "libx265" : "libx264")}");
        return DecodeFirstFrame(tools, file, frame.Width, frame.Height);
    }

    /// <summary>The first frame of a video or image file as 8-bit RGBA.</summary>
    public static Frame DecodeFirstFrame(FfmpegTools tools, string file, int width, int height)
    {
        var raw = FfmpegPipe.Run(tools, ["-nostdin", "-v", "error", "-i", file, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgba", "-"], null, $"decode '{file}'");
        if (raw.Length != RawPixels.FrameBytes(RawPixelFormat.Rgba8, width, height))
            throw new TdmException(TdmErrorKind.Input, $"'{file}' decoded to {raw.Length} bytes, a {width}x{height} RGBA frame has {RawPixels.FrameBytes(RawPixelFormat.Rgba8, width, height)}");
        return RawPixels.ToFrame(raw, RawPixelFormat.Rgba8, width, height);
    }
}
