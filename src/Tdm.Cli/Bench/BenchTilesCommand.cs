using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tdm.Cli.CommandLine;
using Tdm.Cli.Commands;
using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Metrics;
using Tdm.Engine.Models.Synthetic;
using Tdm.Engine.Video;

namespace Tdm.Cli.Bench;

/// <summary>
/// 'tdm bench tiles': the tile overlap against seams and cost. One smooth clip larger than a tile is restored with
/// each overlap asked for; each run reports its tiles, seconds per frame and the seam ratio (the step between
/// neighbouring pixels across tile edges over the step elsewhere: about 1 when tiles do not show).
/// </summary>
internal sealed class BenchTilesCommand(CliConsole console) : ICommand
{
    /// <summary>The seam ratio the full-resolution issue accepts.</summary>
    private const double SeamLimit = 1.15;

    /// <inheritdoc/>
    public string? Group => "bench";

    /// <inheritdoc/>
    public Command Create()
    {
        var architecture = BenchModels.Architecture();
        var model = BenchModels.Model();
        var frames = CliOptions.Int("--frames", "N", "frames in the clip, all in one chunk", 2, 1, 64);
        var size = BenchModels.Size("frame size, processed as it is", "1024x512");
        var tile = BenchModels.Tile(256);
        var overlaps = CliOptions.Text("--overlaps", "PX,...", "the tile overlaps to measure, in image pixels", "0,32,64,128,192");
        var inversionSteps = CliOptions.Int("--inversion-steps", "N", "DDIM inversion steps", 2, 1, 1000);
        var steps = CliOptions.Int("--steps", "N", "DDIM sampling steps", 4, 1, 1000);
        var device = BenchModels.Device();
        var deviceIndex = BenchModels.DeviceIndex();
        var threads = BenchModels.Threads();
        var cache = BenchModels.CacheDirectory("compiled graphs and synthesized models");
        var command = new DocumentedCommand(
            "tiles",
            "Restores one smooth clip with each tile overlap: tiles, seconds per frame and the seam ratio at tile edges.",
            "tdm bench tiles [--arch tiny|sd15] [--size WxH] [--tile PX] [--overlaps PX,...] [--device auto|cuda|cpu] [options]",
            "The clip is slow colour gradients drifting a pixel a frame, with no edges of its own for a seam to hide "
                + $"behind. The full-resolution issue accepts a seam ratio up to {SeamLimit}. " + ExitCodes.Help)
        {
            architecture, model, frames, size, tile, overlaps, inversionSteps, steps, device, deviceIndex, threads, cache,
        };
        command.SetAction((result, cancel) =>
        {
            var count = result.GetValue(frames);
            var (width, height) = result.GetValue(size) ?? (1024, 512);
            var options = BenchModels.Engine(result, device, deviceIndex, threads, cache);
            var settings = BenchModels.ClipSettings(result.GetValue(inversionSteps), result.GetValue(steps), count, width, height)
                with { Tile = result.GetValue(tile) };
            var asked = (result.GetValue(overlaps) ?? "0,32,64,128,192").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(o => int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v
                    : throw new TdmException(TdmErrorKind.BadArgument, $"--overlaps: '{o}' is not a number of pixels")).ToList();
            var folder = result.GetValue(model) ?? BenchModels.Synthesized(result.GetValue(architecture), options, console);
            return Task.FromResult(Run(folder, count, width, height, asked, options, settings, cancel));
        });
        return command;
    }

    private int Run(string model, int frames, int width, int height, IReadOnlyList<int> overlaps, EngineOptions options, RestoreSettings settings, CancellationToken cancel)
    {
        var inv = CultureInfo.InvariantCulture;
        var paths = new ModelPaths(model);
        var clip = SyntheticClip.Smooth(frames, width, height);
        using var engine = new TdmEngine(options with { ResultCacheBytes = 0 });
        engine.LoadModel(paths);
        console.Out.WriteLine(string.Create(inv, $"tdm bench tiles: {Path.GetFullPath(model)}"));
        console.Out.WriteLine(string.Create(inv, $"  {frames} frames of {width}x{height}, tiles of {settings.Tile} px, {settings.InversionSteps} inversion + {settings.SamplingSteps} sampling steps"));
        console.Out.WriteLine($"  device: {engine.DeviceDescription}");
        console.Out.WriteLine();
        console.Out.WriteLine("  overlap px   tiles    s/frame   seam ratio");
        foreach (int overlap in overlaps)
        {
            var run = (settings with { TileOverlap = overlap }).Validate();
            var plan = TdmEngine.PlanOf(width, height, run);
            if (plan.Width != width || plan.Height != height)
                throw new TdmException(TdmErrorKind.BadArgument, $"{width}x{height} is processed at {plan.Width}x{plan.Height}: give a size whose sides are multiples of 64, short side at least 512");
            var restored = new Frame[frames];
            var clock = Stopwatch.StartNew();
            engine.Restore(paths, clip, 0, frames - 1, run, (i, f) => restored[i] = f, null, cancel);
            double seconds = clock.Elapsed.TotalSeconds / frames;
            var columns = plan.Tiles.SelectMany(t => new[] { t.X, t.X + t.Width }).Where(x => x > 0 && x < width).ToHashSet();
            var rows = plan.Tiles.SelectMany(t => new[] { t.Y, t.Y + t.Height }).Where(y => y > 0 && y < height).ToHashSet();
            double seams = FrameMetrics.SeamRatio(restored, columns, rows);
            console.Out.WriteLine(string.Create(inv, $"  {overlap,10} {plan.Tiles.Count,7} {seconds,10:0.00} {seams,12:0.000}{(seams <= SeamLimit ? "" : "  (seams show)")}"));
        }
        return ExitCodes.Ok;
    }
}
