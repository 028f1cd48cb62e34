using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Media;

/// <summary>
/// How a video output is encoded: the input's codec where ffmpeg can write it into the output's container (H.264,
/// HEVC, ProRes, FFV1), otherwise H.264 at high quality; the input's bit depth (10-bit for a deeper input), its colour
/// tags, and its audio copied through (re-encoded only where the container cannot hold the codec).
/// </summary>
internal sealed record VideoEncoding(string Muxer, RawPixelFormat Raw, IReadOnlyList<string> VideoArguments, IReadOnlyList<string> AudioArguments)
{
    /// <summary>Video container extensions and ffmpeg's muxer for each.</summary>
    public static readonly IReadOnlyDictionary<string, string> Muxers = new Dictionary<string, string>
    {
        ["mp4"] = "mp4",
        ["m4v"] = "mp4",
        ["mov"] = "mov",
        ["mkv"] = "matroska",
        ["webm"] = "webm",
        ["avi"] = "avi",
    };

    // Audio codecs each container stores as they are; others are re-encoded (mkv and mov hold nearly anything).
    private static readonly string[] s_mp4Audio = ["aac", "mp3", "ac3", "eac3", "alac", "flac", "opus"];
    private static readonly string[] s_webmAudio = ["opus", "vorbis"];
    private static readonly string[] s_x264Formats = ["yuv420p", "yuv422p", "yuv444p", "yuv420p10le", "yuv422p10le", "yuv444p10le"];
    private static readonly string[] s_proresProfiles = ["Proxy", "LT", "Standard", "HQ", "4444", "4444XQ"];

    /// <summary>The encoding for an output with this extension from <paramref name="input"/>.</summary>
    public static VideoEncoding Choose(string extension, MediaInfo input)
    {
        if (!Muxers.TryGetValue(extension, out var muxer))
            throw new TdmException(TdmErrorKind.BadArgument,
                $"cannot write video '.{extension}': use one of {string.Join(", ", Muxers.Keys.Select(k => "." + k))}, or an image sequence pattern such as out_%04d.png");

        var deep = input.Depth != SampleDepth.Bits8;
        var video = new List<string>();
        var codec = input.Sequence is null ? input.Codec : null;
        if (muxer == "webm")
            video.AddRange(["-c:v", "libvpx-vp9", "-crf", "20", "-b:v", "0", "-pix_fmt", deep ? "yuv420p10le" : "yuv420p"]);
        else if (codec == "prores" && muxer is "mov" or "matroska")
        {
            var profile = Array.IndexOf(s_proresProfiles, input.Profile);
            video.AddRange(["-c:v", "prores_ks", "-profile:v", (profile < 0 ? 3 : profile).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-pix_fmt", profile >= 4 ? "yuv444p10le" : "yuv422p10le"]);
            deep = true;
        }
        else if (codec == "hevc")
        {
            video.AddRange(["-c:v", "libx265", "-crf", "18", "-preset", "medium", "-pix_fmt", deep ? "yuv420p10le" : "yuv420p", "-x265-params", "log-level=error"]);
            if (muxer is "mp4" or "mov")
                video.AddRange(["-tag:v", "hvc1"]);
        }
        else if (codec == "ffv1" && muxer is "matroska" or "mov" or "avi")
        {
            // ffmpeg picks the nearest format FFV1 stores if it cannot store the input's exactly.
            video.AddRange(["-c:v", "ffv1", "-level", "3", "-pix_fmt", input.PixelFormat]);
        }
        else
        {
            var format = codec == "h264" && s_x264Formats.Contains(input.PixelFormat) ? input.PixelFormat : deep ? "yuv420p10le" : "yuv420p";
            video.AddRange(["-c:v", "libx264", "-crf", "16", "-preset", "medium", "-pix_fmt", format]);
        }
        AddColourTags(video, input);
        if (muxer is "mp4" or "mov")
            video.AddRange(["-movflags", "+faststart"]);

        return new VideoEncoding(muxer, deep ? RawPixelFormat.Rgba16 : RawPixelFormat.Rgba8, video, AudioFor(muxer, input));
    }

    private static void AddColourTags(List<string> video, MediaInfo input)
    {
        // The RGB -> YUV matrix must be the one the input was decoded with, or colours shift on every pass.
        var matrix = input.ColorSpace switch
        {
            "bt709" => "bt709",
            "bt470bg" or "smpte170m" => "bt601",
            "bt2020nc" or "bt2020c" => "bt2020",
            _ => null,
        };
        if (matrix is not null)
            video.AddRange(["-vf", $"scale=out_color_matrix={matrix}:out_range={(input.ColorRange == "pc" ? "pc" : "tv")}", "-colorspace", input.ColorSpace!]);
        if (input.ColorPrimaries is { } primaries)
            video.AddRange(["-color_primaries", primaries]);
        if (input.ColorTransfer is { } transfer)
            video.AddRange(["-color_trc", transfer]);
        if (input.ColorRange is { } range)
            video.AddRange(["-color_range", range]);
    }

    private static IReadOnlyList<string> AudioFor(string muxer, MediaInfo input)
    {
        if (input.AudioCodec is not { } audio)
            return [];
        return muxer switch
        {
            "mp4" when !s_mp4Audio.Contains(audio) => ["-c:a", "aac", "-b:a", "256k"],
            "webm" when !s_webmAudio.Contains(audio) => ["-c:a", "libopus", "-b:a", "192k"],
            _ => ["-c:a", "copy"],
        };
    }
}
