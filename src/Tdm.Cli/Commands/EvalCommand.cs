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
using Tdm.Evaluation.Pictures;
using Tdm.Evaluation.Warping;

namespace Tdm.Cli.Commands;

/// <summary>
/// 'tdm eval': PSNR, SSIM, the flicker index and the warping error of one video or sequence against another, frame
/// by frame over the frame numbers both have (a restored range of a sequence compares with the same numbers of its
/// reference), and optionally an x-t slice and a contact sheet as PNG. Frames are streamed: two at a time per clip
/// are held, whatever the length (plus the slice's lines and the sheet's few frames).
/// </summary>
internal sealed class EvalCommand(CliConsole console, MediaProbe probe, FfmpegTools tools) : ICommand
{
    private static readonly KeyValuePair<string, SsimMode>[] s_ssimModes = [new("luma", SsimMode.Luma), new("rgb", SsimMode.Rgb)];

    /// <summary>What one compared frame scored; the warping error is the pair (frame, next frame)'s.</summary>
    private sealed record FrameScore(int Number, double Psnr, double Ssim)
    {
        public double? WarpingError { get; set; }
    }

    /// <inheritdoc/>
    public string? Group => null;

    /// <inheritdoc/>
    public Command Create()
    {
        var restored = new Argument<string>("RESTORED") { Description = "the video or image sequence to measure" };
        var reference = new Argument<string>("REFERENCE") { Description = "the video or image sequence to measure it against" };
        var frames = CliOptions.Parsed("--frames", "A-B", "compare only frames A to B", text => FrameRange.Parse(text), "every frame number both inputs have");
        var ssim = CliOptions.Choice("--ssim", "luma (Rec. 601, the papers' usual figure) or rgb (mean of R, G, B)", s_ssimModes, SsimMode.Luma);
        var perFrame = CliOptions.Flag("--per-frame", "also list PSNR, SSIM and warping error of every frame");
        var noWarping = CliOptions.Flag("--no-warping-error", "skip the warping error (two optical flows per frame pair)");
        var slice = CliOptions.Text("--xt-slice", "FILE.png", "write an x-t slice: one column of every frame stacked in time, REFERENCE | RESTORED");
        var column = CliOptions.OptionalInt("--xt-column", "X", "the column the x-t slice takes", 0, 65535, "the middle");
        var row = CliOptions.OptionalInt("--xt-row", "Y", "take this row instead of a column (time runs down)", 0, 65535, "none");
        var sheet = CliOptions.Text("--contact-sheet", "FILE.png", "write a contact sheet: frames spread over the range, REFERENCE above RESTORED");
        var sheetFrames = CliOptions.Int("--sheet-frames", "N", "frames on the contact sheet", 8, 1, 64);
        var json = CliOptions.Flag("--json", "write the results as one JSON object on stdout");
        var command = new DocumentedCommand(
            "eval",
            "Measures PSNR, SSIM, flicker and warping error of a video or image sequence against a reference.",
            "tdm eval RESTORED REFERENCE [--frames A-B] [--ssim luma|rgb] [--per-frame] [--xt-slice F.png] [--contact-sheet F.png] [--json]",
            """
            PSNR (dB) and SSIM compare RGB values in [0, 1] as decoded (alpha ignored); the figures are the means over
            frames. The flicker index is the mean absolute frame-to-frame change of RESTORED that REFERENCE does not
            have (0: RESTORED changes exactly as REFERENCE does); against the degraded input it measures the flicker a
            restoration added, against the ground truth the temporal error left.

            The warping error is Lai et al. 2018's: optical flow (OpenCV's Farneback) estimated on REFERENCE in both
            directions, so every method is scored on the same flow; occluded pixels (forward-backward check) and motion
            boundaries masked out with their thresholds; RESTORED's frame t+1 warped onto frame t; the masked mean
            squared error, averaged over pairs and reported x1000 as the papers do (0: RESTORED moves exactly as
            REFERENCE's motion says).
            """ + "\n\n" + ExitCodes.Help)
        {
            restored, reference, frames, ssim, perFrame, noWarping, slice, column, row, sheet, sheetFrames, json,
        };
        command.SetAction((result, cancel) =>
        {
            var (x, y) = (result.GetValue(column), result.GetValue(row));
            if (x is not null && y is not null)
                throw new UsageException("give --xt-column or --xt-row, not both");
            var pictures = (Slice: result.GetValue(slice), Axis: y is null ? SliceAxis.Column : SliceAxis.Row, Position: y ?? x,
                Sheet: result.GetValue(sheet), SheetFrames: result.GetValue(sheetFrames));
            return Task.FromResult(Run(
                result.GetValue(restored)!, result.GetValue(reference)!, result.GetValue(frames), result.GetValue(ssim),
                result.GetValue(perFrame), !result.GetValue(noWarping), result.GetValue(json),
                (first, last) => new EvalPictures(pictures.Slice, pictures.Axis, pictures.Position, pictures.Sheet, pictures.SheetFrames, first, last),
                cancel));
        });
        return command;
    }

    private int Run(string restoredPath, string referencePath, FrameRange? range, SsimMode mode, bool perFrame, bool warping, bool json,
        Func<int, int, EvalPictures> makePictures, CancellationToken cancel)
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

        var frames = new List<FrameScore>();
        var flicker = 0.0;
        var meter = warping ? new WarpingErrorMeter() : null;
        var pictures = makePictures(first, last);
        using (var a = new FfmpegClip(restored, tools, cacheFrames: 2))
        using (var b = new FfmpegClip(reference, tools, cacheFrames: 2))
        {
            Frame? previousA = null, previousB = null;
            for (var n = first; n <= last; n++)
            {
                cancel.ThrowIfCancellationRequested();
                var frameA = a.ReadFrame(n - restored.FirstNumber);
                var frameB = b.ReadFrame(n - reference.FirstNumber);
                frames.Add(new FrameScore(n, FrameMetrics.Psnr(frameA, frameB), FrameMetrics.Ssim(frameA, frameB, mode)));
                pictures.Add(n, frameA, frameB);
                // The clip's figures are means over consecutive pairs, so pairs can be measured one at a time.
                if (previousA is not null)
                {
                    flicker += FrameMetrics.FlickerIndex([previousA, frameA], [previousB!, frameB]);
                    frames[^2].WarpingError = meter?.Add(previousA, frameA, previousB!, frameB);
                }
                (previousA, previousB) = (frameA, frameB);
            }
        }
        double? flickerIndex = frames.Count > 1 ? flicker / (frames.Count - 1) : null;
        var written = pictures.Write();

        var summary = new Summary(frames, flickerIndex, meter?.Value, mode, perFrame);
        if (json)
            WriteJson(restored, reference, summary, written);
        else
            WriteText(restored, reference, summary, written, warping);
        return ExitCodes.Ok;
    }

    private sealed record Summary(List<FrameScore> Frames, double? Flicker, double? WarpingError, SsimMode Mode, bool PerFrame);

    private void WriteText(MediaInfo restored, MediaInfo reference, Summary s, IReadOnlyList<EvalPictures.Written> written, bool warping)
    {
        var inv = CultureInfo.InvariantCulture;
        var frames = s.Frames;
        var worst = frames.MinBy(f => f.Psnr)!;
        console.Out.WriteLine($"'{restored.Path}' against '{reference.Path}', frames {frames[0].Number}-{frames[^1].Number} ({frames.Count})");
        if (s.PerFrame)
            foreach (var f in frames)
                console.Out.WriteLine(string.Create(inv, $"  frame {f.Number,6}  PSNR {Decibels(f.Psnr),8} dB  SSIM {f.Ssim:0.0000}{(f.WarpingError is { } we ? $"  WE {we:0.0000}" : "")}"));
        console.Out.WriteLine(string.Create(inv, $"PSNR     {Decibels(frames.Average(f => f.Psnr))} dB (mean; lowest {Decibels(worst.Psnr)} dB at frame {worst.Number})"));
        console.Out.WriteLine(string.Create(inv, $"SSIM     {frames.Average(f => f.Ssim):0.0000} ({(s.Mode == SsimMode.Luma ? "luma" : "RGB")})"));
        console.Out.WriteLine(s.Flicker is { } fl
            ? string.Create(inv, $"flicker  {fl:0.000000} (frame-to-frame change the reference does not have; 0 is none)")
            : "flicker  n/a (needs two frames)");
        console.Out.WriteLine(s.WarpingError is { } e
            ? string.Create(inv, $"warping  {e:0.0000} (E_warp x1000, Lai et al. 2018: flow on the reference, occlusions masked; 0 is none)")
            : warping ? "warping  n/a (needs two frames)" : "warping  not measured (--no-warping-error)");
        foreach (var picture in written)
            console.Out.WriteLine($"wrote {picture.Description}: {picture.Path}");
    }

    private void WriteJson(MediaInfo restored, MediaInfo reference, Summary s, IReadOnlyList<EvalPictures.Written> written)
    {
        var frames = s.Frames;
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
            w.WriteString("ssimMode", s.Mode == SsimMode.Luma ? "luma" : "rgb");
            WriteOptional(w, "flicker", s.Flicker);
            WriteOptional(w, "warpingError", s.WarpingError);
            foreach (var picture in written)
                w.WriteString(picture.Key, picture.Path);
            if (s.PerFrame)
            {
                w.WriteStartArray("perFrame");
                foreach (var f in frames)
                {
                    w.WriteStartObject();
                    w.WriteNumber("frame", f.Number);
                    WriteDecibels(w, "psnr", f.Psnr);
                    w.WriteNumber("ssim", f.Ssim);
                    if (f.WarpingError is { } we)
                        w.WriteNumber("warpingError", we);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
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
