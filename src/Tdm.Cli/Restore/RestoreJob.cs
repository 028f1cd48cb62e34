using Tdm.Cli.Media;
using Tdm.Cli.Progress;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Cli.Restore;

/// <summary>
/// The restore command's work, and the render-farm contract:
/// <list type="bullet">
/// <item>only the requested frames are restored, through the engine's chunk grid anchored at the clip's first frame
/// with handles read from the input, so any split of a range reproduces the whole-clip pixels;</item>
/// <item>outputs are named by the input's frame numbers, so ranges from different machines assemble;</item>
/// <item>every frame is written atomically and a rerun skips frames already written (unless overwriting);</item>
/// <item>a video output is rendered into a raw frame cache beside it (OUTPUT.frames/), encoded when complete, and
/// the cache is then deleted.</item>
/// </list>
/// </summary>
internal sealed class RestoreJob(MediaProbe probe, FfmpegTools tools, VideoEncoder encoder, IRangeRestorerFactory restorers)
{
    /// <summary>Runs <paramref name="request"/>, reporting to <paramref name="events"/>. Errors are exceptions.</summary>
    public void Run(RestoreRequest request, IRestoreEvents events, CancellationToken cancel)
    {
        var input = probe.Probe(request.Input, request.SequenceRate);
        var range = request.Frames ?? new FrameRange(input.FirstNumber, input.LastNumber);
        if (range.First < input.FirstNumber || range.Last > input.LastNumber)
            throw new UsageException($"--frames {range} is outside the clip: '{input.Path}' has frames {input.FirstNumber}-{input.LastNumber}");
        if (Path.GetFullPath(request.Input) == Path.GetFullPath(request.Output))
            throw new UsageException($"the output '{request.Output}' is the input; choose another -o");

        var scale = request.Settings.EffectiveScale;
        var plan = TdmEngine.PlanOf(input.Width, input.Height, request.Settings);
        var (store, video) = OpenOutput(request, input, input.Width * scale, input.Height * scale);
        if (video is { } v && File.Exists(request.Output) && !Directory.Exists(v.Cache.Directory) && !request.Overwrite)
        {
            // A finished video has no cache left beside it: the rerun of a completed job does nothing.
            events.Started(new RestoreStarted(request.Input, request.Output, range.First, range.Last, range.Count, input.Width, input.Height, plan));
            events.Done(request.Output, 0);
            return;
        }
        if (video is not null)
        {
            OutputFolder.Prepare(video.Value.Cache.Directory, request.Output);
            AtomicFile.RemoveStale(request.Output); // an encoder left behind by a killed run
        }

        var todo = new SortedSet<int>();
        for (var number = range.First; number <= range.Last; number++)
        {
            AtomicFile.RemoveStale(store.PathOf(number));
            if (request.Overwrite || !store.Has(number))
                todo.Add(number);
        }

        var written = 0;
        if (todo.Count > 0)
        {
            using var restorer = restorers.Open(request.Model, request.Engine);
            events.Started(new RestoreStarted(request.Input, request.Output, range.First, range.Last, range.Count - todo.Count, input.Width, input.Height, plan));
            written = Render(request, input, store, todo, events, restorer, cancel);
        }
        else
        {
            events.Started(new RestoreStarted(request.Input, request.Output, range.First, range.Last, range.Count, input.Width, input.Height, plan));
        }

        if (video is { } output)
        {
            cancel.ThrowIfCancellationRequested();
            events.Encoding(request.Output);
            encoder.Encode(output.Cache, range.First, range.Last, input, output.Encoding, request.Output, cancel);
            Directory.Delete(output.Cache.Directory, recursive: true);
        }
        events.Done(request.Output, written);
    }

    /// <summary>
    /// Groups the frames to render (ascending clip indices) into runs over neighbouring chunks of the grid: the
    /// engine computes whole chunks, so the missing frames of a chunk are rendered in one call, and chunks with
    /// nothing missing are not computed at all. Returns inclusive clip-index ranges.
    /// </summary>
    internal static List<(int First, int Last)> Runs(IEnumerable<int> indices, ChunkGrid grid)
    {
        var runs = new List<(int First, int Last)>();
        foreach (var index in indices)
        {
            if (runs.Count > 0 && grid.ChunkOf(index) <= grid.ChunkOf(runs[^1].Last) + 1)
                runs[^1] = (runs[^1].First, index);
            else
                runs.Add((index, index));
        }
        return runs;
    }

    private int Render(RestoreRequest request, MediaInfo input, IFrameStore store, SortedSet<int> todo, IRestoreEvents events,
        IRangeRestorer restorer, CancellationToken cancel)
    {
        var settings = request.Settings;
        var grid = TdmEngine.Grid(input.FrameCount, settings);
        // The engine reads each chunk's context (the chunk plus handles on both sides) and then the next one, which
        // overlaps it by twice the handles: keep that much decoded.
        using var clip = new FfmpegClip(input, tools, settings.ChunkLength + (2 * grid.Handles) + 2);
        var gate = new Lock();
        var written = 0;
        var progress = new SynchronousProgress<RestoreProgress>(p =>
        {
            lock (gate)
                events.Step(p);
        });

        foreach (var (first, last) in Runs(todo.Select(n => n - input.FirstNumber), grid))
        {
            cancel.ThrowIfCancellationRequested();
            void OnFrame(int index, Frame frame)
            {
                var number = input.FirstNumber + index;
                lock (gate)
                {
                    // The engine may deliver frames of the run that already exist; they are not rewritten.
                    if (!todo.Remove(number))
                        return;
                    store.Write(number, frame);
                    written++;
                    events.FrameWritten(number, store.PathOf(number));
                }
            }
            restorer.RestoreRange(clip, first, last, settings, OnFrame, progress, cancel);
            cancel.ThrowIfCancellationRequested();
        }
        if (todo.Count > 0)
            throw new TdmException(TdmErrorKind.Internal, $"the engine finished without delivering frame(s) {string.Join(", ", todo.Take(10))}");
        return written;
    }

    private (IFrameStore Store, (RawFrameCache Cache, VideoEncoding Encoding)? Video) OpenOutput(RestoreRequest request, MediaInfo input, int width, int height)
    {
        if (SequencePattern.IsPattern(request.Output))
        {
            var pattern = SequencePattern.Parse(request.Output);
            var format = ImageFormat.Choose(pattern.Extension, input.Depth, input.HasAlpha, request.Depth);
            OutputFolder.Prepare(pattern.Directory, request.Output);
            return (new ImageSequenceStore(pattern, format, tools), null);
        }

        var extension = Path.GetExtension(request.Output).TrimStart('.').ToLowerInvariant();
        if (ImageFormat.Extensions.Contains(extension) || extension is "jpg" or "jpeg" or "bmp" or "dpx")
            throw new UsageException($"the output '{request.Output}' is an image: write an image sequence with a frame-number pattern such as '{Path.ChangeExtension(request.Output, null)}_%04d.{extension}'");
        if (request.Depth is not null)
            throw new UsageException("--depth applies to image sequence outputs; a video keeps the input's depth (8 or 10 bits)");
        var encoding = VideoEncoding.Choose(extension, input);
        var folder = Path.GetDirectoryName(Path.GetFullPath(request.Output)) ?? ".";
        OutputFolder.Prepare(folder, request.Output);
        var cache = new RawFrameCache(Path.GetFullPath(request.Output) + ".frames", encoding.Raw, width, height);
        if (request.Overwrite && Directory.Exists(cache.Directory))
            Directory.Delete(cache.Directory, recursive: true);
        return (cache, (cache, encoding));
    }
}
