using System.Globalization;
using System.Text.Json;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Media;

/// <summary>
/// Reads an input's facts with ffprobe (one run: streams, container, pixel-format table, packet count). Every
/// failure is a <see cref="TdmException"/> of kind Input naming the file and quoting ffprobe's message.
/// </summary>
internal sealed class MediaProbe(FfmpegTools tools)
{
    /// <summary>The frame rate assumed for an image sequence when none is given.</summary>
    public static readonly FrameRate DefaultSequenceRate = new(24, 1);

    /// <summary>Probes a video file or, for a path with %d/%0Nd, an image sequence.</summary>
    public MediaInfo Probe(string input, FrameRate? sequenceRate = null) =>
        SequencePattern.IsPattern(input) ? ProbeSequence(SequencePattern.Parse(input), sequenceRate ?? DefaultSequenceRate) : ProbeVideo(input);

    private MediaInfo ProbeVideo(string path)
    {
        if (Directory.Exists(path))
            throw new TdmException(TdmErrorKind.Input, $"input '{path}' is a folder; give a video file or an image sequence pattern such as '{System.IO.Path.Combine(path, "frame_%04d.png")}'");
        RegularFile.Require(path, "input", TdmErrorKind.Input); // before ffprobe opens it: a FIFO would block it forever
        if (!File.Exists(path))
            throw new TdmException(TdmErrorKind.Input, $"input '{path}' does not exist (for an image sequence give a pattern such as frame_%04d.png)");

        using var json = RunProbe(path);
        var root = json.RootElement;
        var video = FirstStream(root, "video")
            ?? throw new TdmException(TdmErrorKind.Input, $"input '{path}' has no video stream (ffprobe found {StreamSummary(root)})");
        var frames = IntOf(video, "nb_read_packets") ?? IntOf(video, "nb_frames") ?? 0;
        if (frames <= 0)
            throw new TdmException(TdmErrorKind.Input, $"input '{path}' has a video stream with no frames: the file may be truncated or empty");

        var rate = FrameRate.Parse(StringOf(video, "avg_frame_rate")) ?? FrameRate.Parse(StringOf(video, "r_frame_rate"))
            ?? throw new TdmException(TdmErrorKind.Input, $"input '{path}': ffprobe reports no frame rate for its video stream");
        var realRate = FrameRate.Parse(StringOf(video, "r_frame_rate"));
        var variable = realRate is { } r && r != rate && Math.Abs(r.PerSecond - rate.PerSecond) > 1e-6;

        var containerStart = DoubleOf(root.GetProperty("format"), "start_time") ?? 0;
        var videoStart = DoubleOf(video, "start_time") ?? containerStart;
        var audio = FirstStream(root, "audio");
        return Describe(path, root, video) with
        {
            FrameCount = frames,
            Rate = rate,
            VariableRate = variable,
            VideoStartOffset = Math.Max(0, videoStart - containerStart),
            AudioCodec = audio is { } a ? StringOf(a, "codec_name") ?? "unknown" : null,
        };
    }

    private MediaInfo ProbeSequence(SequencePattern pattern, FrameRate rate)
    {
        var numbers = pattern.FindNumbers();
        if (numbers.Count == 0)
        {
            var where = Directory.Exists(pattern.Directory) ? $"in {pattern.Directory}" : $"(the folder {pattern.Directory} does not exist)";
            throw new TdmException(TdmErrorKind.Input,
                $"no files match the pattern '{pattern.Path}': looked for names like {pattern.FileNameOf(1)} {where}");
        }
        var first = numbers[0];
        foreach (var number in numbers)
            RegularFile.Require(pattern.PathOf(number), "input frame", TdmErrorKind.Input);
        for (var i = 1; i < numbers.Count; i++)
            if (numbers[i] != numbers[i - 1] + 1)
                throw new TdmException(TdmErrorKind.Input,
                    $"image sequence '{pattern.Path}' has a gap: {pattern.FileNameOf(numbers[i - 1] + 1)} is missing between frames {numbers[i - 1]} and {numbers[i]}; a sequence must be numbered without gaps");

        var firstFile = pattern.PathOf(first);
        using var json = RunProbe(firstFile);
        var video = FirstStream(json.RootElement, "video")
            ?? throw new TdmException(TdmErrorKind.Input, $"'{firstFile}' is not an image ffmpeg can read");
        return Describe(pattern.Path, json.RootElement, video) with
        {
            Sequence = pattern,
            FrameCount = numbers.Count,
            FirstNumber = first,
            Rate = rate,
        };
    }

    private JsonDocument RunProbe(string file)
    {
        var (code, output, error) = tools.Run(tools.Ffprobe,
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-show_pixel_formats", "-count_packets", file],
            TdmErrorKind.Input);
        if (code != 0)
            throw new TdmException(TdmErrorKind.Input, $"cannot read '{file}': ffprobe says: {FfmpegTools.Tail(error)}");
        try
        {
            return JsonDocument.Parse(output);
        }
        catch (JsonException e)
        {
            throw new TdmException(TdmErrorKind.Input, $"cannot read '{file}': ffprobe's answer is not JSON ({e.Message})", e);
        }
    }

    // The facts shared by videos and images; counts and rates are filled in by the caller.
    private static MediaInfo Describe(string path, JsonElement root, JsonElement video)
    {
        var width = IntOf(video, "width") ?? 0;
        var height = IntOf(video, "height") ?? 0;
        if (width <= 0 || height <= 0)
            throw new TdmException(TdmErrorKind.Input, $"input '{path}': ffprobe reports no picture size ({width}x{height})");
        if (Math.Abs(Rotation(video)) % 180 == 90)
            (width, height) = (height, width);

        var pixelFormat = StringOf(video, "pix_fmt")
            ?? throw new TdmException(TdmErrorKind.Input, $"input '{path}': ffprobe reports no pixel format; is the codec ({StringOf(video, "codec_name")}) supported by this ffmpeg?");
        var (depth, alpha) = DepthOf(root, pixelFormat);
        return new MediaInfo
        {
            Path = path,
            Width = width,
            Height = height,
            FrameCount = 1,
            Rate = MediaProbe.DefaultSequenceRate,
            PixelFormat = pixelFormat,
            Depth = depth,
            HasAlpha = alpha,
            Codec = StringOf(video, "codec_name"),
            Profile = StringOf(video, "profile"),
            ColorSpace = Tag(video, "color_space"),
            ColorPrimaries = Tag(video, "color_primaries"),
            ColorTransfer = Tag(video, "color_transfer"),
            ColorRange = Tag(video, "color_range"),
        };
    }

    // Depth from ffprobe's pixel-format table: the deepest component; 32 bits means float, "f16" in the name half.
    private static (SampleDepth Depth, bool Alpha) DepthOf(JsonElement root, string pixelFormat)
    {
        if (root.TryGetProperty("pixel_formats", out var formats))
            foreach (var format in formats.EnumerateArray())
            {
                if (StringOf(format, "name") != pixelFormat)
                    continue;
                var bits = 0;
                if (format.TryGetProperty("components", out var components))
                    foreach (var component in components.EnumerateArray())
                        bits = Math.Max(bits, IntOf(component, "bit_depth") ?? 0);
                var alpha = format.TryGetProperty("flags", out var flags) && (IntOf(flags, "alpha") ?? 0) != 0;
                var depth = bits switch
                {
                    > 16 => SampleDepth.Float,
                    16 when pixelFormat.Contains("f16", StringComparison.Ordinal) => SampleDepth.Half,
                    > 8 => SampleDepth.Bits16,
                    _ => SampleDepth.Bits8,
                };
                return (depth, alpha);
            }
        return (SampleDepth.Bits8, false);
    }

    private static double Rotation(JsonElement video)
    {
        if (video.TryGetProperty("side_data_list", out var sideData))
            foreach (var item in sideData.EnumerateArray())
                if (DoubleOf(item, "rotation") is { } degrees)
                    return degrees;
        if (video.TryGetProperty("tags", out var tags) && DoubleOf(tags, "rotate") is { } rotate)
            return rotate;
        return 0;
    }

    private static JsonElement? FirstStream(JsonElement root, string type)
    {
        if (root.TryGetProperty("streams", out var streams))
            foreach (var stream in streams.EnumerateArray())
                if (StringOf(stream, "codec_type") == type)
                    return stream;
        return null;
    }

    private static string StreamSummary(JsonElement root)
    {
        var kinds = new List<string>();
        if (root.TryGetProperty("streams", out var streams))
            foreach (var stream in streams.EnumerateArray())
                kinds.Add(StringOf(stream, "codec_type") ?? "unknown");
        return kinds.Count == 0 ? "no streams" : string.Join(", ", kinds);
    }

    private static string? Tag(JsonElement element, string name) => StringOf(element, name) is { } value && value != "unknown" ? value : null;

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // ffprobe writes some numbers as JSON numbers and others as strings.
    private static int? IntOf(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
            return number;
        return value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number) ? number : null;
    }

    private static double? DoubleOf(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Number)
            return value.GetDouble();
        return value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
