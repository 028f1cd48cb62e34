using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tdm.Cli.CommandLine;
using Tdm.Cli.Media;
using Tdm.Cli.Restore;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Metrics;

namespace Tdm.Cli.Commands;

/// <summary>
/// 'tdm eval': PSNR, SSIM and the flicker index of one video or sequence against another, frame by frame over the
/// frame numbers both have (a restored range of a sequence compares with the same numbers of its reference).
/// Frames are streamed: two at a time per clip are held, whatever the length.
/// </summary>
internal sealed class EvalCommand(CliConsole console, MediaProbe probe, FfmpegTools tools) : ICommand
{
    private static readonly KeyValuePair<string, SsimMode>[] s_ssimModes = [new("luma", SsimMode.Luma), new("rgb", SsimMode.Rgb)];

    /// <inheritdoc/>
    public string? Group => null;

    /// <inheritdoc/>
    public Command Create()
    {
        var restored = new Argument<string>("RESTORED") { Description = "the video or image sequence to measure" };
        var reference = new Argument<string>("REFERENCE") { Description = "the video or image sequence to measure it against" };
        var frames = CliOptions.Parsed("--frames", "A-B", "compare only frames A to B", text => FrameRange.Parse(text), "every frame number both inputs have");
        var ssim = CliOptions.Choice("--ssim", "luma (Rec. 601, the papers' usual figure) or rgb (mean of R, G, B)", s_ssimModes, SsimMode.Luma);
        var perFrame = CliOptions.Flag("--per-frame", "also list PSNR and SSIM of every frame");
        var json = CliOptions.Flag("--json", "write the results as one JSON object on stdout");
        var command = new DocumentedCommand(
            "eval",
            "Measures PSNR, SSIM and flicker of a video or image sequence against a reference.",
            "tdm eval RESTORED REFERENCE [--frames A-B] [--ssim luma|rgb] [--per-frame] [--json]",
            """
            PSNR (dB) and SSIM compare RGB values in [0, 1] as decoded (alpha ignored); the figures are the means over
            frames. The flicker index is the mean absolute frame-to-frame change of RESTORED that REFERENCE does not
            have (0: RESTORED changes exactly as REFERENCE does); against the degraded input it measures the flicker a
            restoration added, against the ground truth the temporal error left.
            """ + "\n\n" + ExitCodes.Help)
        {
            restored, reference, frames, ssim, perFrame, json,
        };
        command.SetAction((result, cancel) => Task.FromResult(Run(
            result.GetValue(restored)!, result.GetValue(reference)!, result.GetValue(frames), result.GetValue(ssim),
            result.GetValue(perFrame), result.GetValue(json), cancel)));
        return command;
    }

    private int Run(string restoredPath, string referencePath, FrameRange? range, SsimMode mode, bool perFrame, bool json, CancellationToken cancel)
    {
        var restored = probe.Probe(restoredPath);
        var reference = probe.Probe(referencePath);
        if ((restored.Width, restored.Height) != (reference.Width, reference.Height))
            throw new TdmException(TdmErrorKind.Input,
                $"'{restored.Path}' is {restored.Width}x{restored.Height} but '{reference.Path}' is {reference.Width}x{reference.Height}; metrics compare frames of one size");

        var first = Math.Max(restored.FirstNumber, reference.FirstNumber);
        var last = Math.Min(restored.LastNumber, reference.LastNumber);
        if (range is { } wanted)
        {
            if (wanted.First < first || wanted.Last > last)
                throw new UsageException($"--frames {wanted} is outside the frames both inputs have ({first}-{last})");
            (first, last) = (wanted.First, wanted.Last);
        }
        if (last < first)
            throw new UsageException($"the inputs share no frame numbers: '{restored.Path}' has {restored.FirstNumber}-{restored.LastNumber}, '{reference.Path}' has {reference.FirstNumber}-{reference.LastNumber}");

        var frames = new List<(int Number, double Psnr, double Ssim)>();
        var flicker = 0.0;
        using (var a = new FfmpegClip(restored, tools, cacheFrames: 2))
        using (var b = new FfmpegClip(reference, tools, cacheFrames: 2))
        {
            Frame? previousA = null, previousB = null;
            for (var n = first; n <= last; n++)
            {
                cancel.ThrowIfCancellationRequested();
                var frameA = a.ReadFrame(n - restored.FirstNumber);
                var frameB = b.ReadFrame(n - reference.FirstNumber);
                frames.Add((n, FrameMetrics.Psnr(frameA, frameB), FrameMetrics.Ssim(frameA, frameB, mode)));
                // The clip's index is the mean over consecutive pairs, so pairs can be measured one at a time.
                if (previousA is not null)
                    flicker += FrameMetrics.FlickerIndex([previousA, frameA], [previousB!, frameB]);
                (previousA, previousB) = (frameA, frameB);
            }
        }
        double? flickerIndex = frames.Count > 1 ? flicker / (frames.Count - 1) : null;

        if (json)
            WriteJson(restored, reference, frames, flickerIndex, mode, perFrame);
        else
            WriteText(restored, reference, frames, flickerIndex, mode, perFrame);
        return ExitCodes.Ok;
    }

    private void WriteText(MediaInfo restored, MediaInfo reference, List<(int Number, double Psnr, double Ssim)> frames, double? flicker, SsimMode mode, bool perFrame)
    {
        var inv = CultureInfo.InvariantCulture;
        var worst = frames.MinBy(f => f.Psnr);
        console.Out.WriteLine($"'{restored.Path}' against '{reference.Path}', frames {frames[0].Number}-{frames[^1].Number} ({frames.Count})");
        if (perFrame)
            foreach (var (number, psnr, ssim) in frames)
                console.Out.WriteLine(string.Create(inv, $"  frame {number,6}  PSNR {Decibels(psnr),8} dB  SSIM {ssim:0.0000}"));
        console.Out.WriteLine(string.Create(inv, $"PSNR     {Decibels(frames.Average(f => f.Psnr))} dB (mean; lowest {Decibels(worst.Psnr)} dB at frame {worst.Number})"));
        console.Out.WriteLine(string.Create(inv, $"SSIM     {frames.Average(f => f.Ssim):0.0000} ({(mode == SsimMode.Luma ? "luma" : "RGB")})"));
        console.Out.WriteLine(flicker is { } f
            ? string.Create(inv, $"flicker  {f:0.000000} (frame-to-frame change the reference does not have; 0 is none)")
            : "flicker  n/a (needs two frames)");
    }

    private void WriteJson(MediaInfo restored, MediaInfo reference, List<(int Number, double Psnr, double Ssim)> frames, double? flicker, SsimMode mode, bool perFrame)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("restored", restored.Path);
            w.WriteString("reference", reference.Path);
            w.WriteNumber("first", frames[0].Number);
            w.WriteNumber("last", frames[^1].Number);
            w.WriteNumber("frames", frames.Count);
            WriteDecibels(w, "psnr", frames.Average(f => f.Psnr));
            w.WriteNumber("ssim", frames.Average(f => f.Ssim));
            w.WriteString("ssimMode", mode == SsimMode.Luma ? "luma" : "rgb");
            if (flicker is { } f)
                w.WriteNumber("flicker", f);
            else
                w.WriteNull("flicker");
            if (perFrame)
            {
                w.WriteStartArray("perFrame");
                foreach (var (number, psnr, ssim) in frames)
                {
                    w.WriteStartObject();
                    w.WriteNumber("frame", number);
                    WriteDecibels(w, "psnr", psnr);
                    w.WriteNumber("ssim", ssim);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    // Identical frames have an infinite PSNR, which JSON numbers cannot hold: it is written as the string "inf".
    private static void WriteDecibels(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
            w.WriteNumber(name, Math.Round(value, 4));
        else
            w.WriteString(name, "inf");
    }

    private static string Decibels(double value) => double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) : "inf";
}
