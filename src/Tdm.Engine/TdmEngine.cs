using System.Collections.Concurrent;
using Tdm.Engine.Imaging;
using Tdm.Engine.Models;
using Tdm.Engine.Runtime;
using Tdm.Engine.Video;

namespace Tdm.Engine;

/// <summary>
/// The engine's entry point for hosts (the OpenFX plugin, the command line): resolves the device on first use,
/// compiles each model once and shares it, and keeps one cache of restored chunks. Both shells restore through
/// <see cref="Restore"/>. Thread-safe. Dispose it when the host unloads.
/// </summary>
public sealed class TdmEngine : IDisposable
{
    private readonly EngineOptions _options;
    private readonly Lazy<(SessionFactory Sessions, TensorDevice Device, string? Note)> _device;
    private readonly ConcurrentDictionary<ModelPaths, Lazy<VideoRestorer>> _restorers = new();
    private readonly ConcurrentBag<TdmModel> _models = [];
    private readonly RestoredChunkCache _cache;

    /// <summary>Creates the engine; nothing is loaded until a model is asked for.</summary>
    public TdmEngine(EngineOptions options)
    {
        _options = options;
        _cache = new RestoredChunkCache(options.ResultCacheBytes);
        _device = new Lazy<(SessionFactory, TensorDevice, string?)>(() =>
        {
            var (device, note) = DeviceSelection.Resolve(options.Device, options.DeviceIndex, options.IntraOpThreads, options.CudaLibraryPath);
            if (options.HalfPrecisionOnCpu && !device.IsCuda)
                device = device with { HalfPrecisionOnCpu = true, Description = $"{device.Description}, float16" };
            var sessions = new SessionFactory(device, options.ResolvedCacheDirectory, options.UseEnvironmentAllocator);
            return (sessions, new TensorDevice(sessions), note);
        });
    }

    /// <summary>The device the networks run on ("CUDA device 0", "CPU, 8 threads"); resolves it if needed.</summary>
    public string DeviceDescription => _device.Value.Sessions.Device.Description;

    /// <summary>Why the engine fell back to the CPU in Auto mode, or null.</summary>
    public string? DeviceNote => _device.Value.Note;

    /// <summary>The fixed chunk grid <paramref name="settings"/> impose on a clip of <paramref name="clipLength"/> frames:
    /// which frames each chunk owns and reads. Ranges that follow it restore each chunk once.</summary>
    public static ChunkGrid Grid(int clipLength, RestoreSettings settings) => VideoRestorer.Grid(clipLength, settings);

    /// <summary>The canvas and tile grid the networks process a <paramref name="width"/> x <paramref name="height"/>
    /// frame at under <paramref name="settings"/>.</summary>
    public static ProcessingPlan PlanOf(int width, int height, RestoreSettings settings) => ChunkRestorer.PlanOf(width, height, settings);

    /// <summary>
    /// The frames (clip indices, inclusive) that restoring frame <paramref name="frame"/> reads: its chunk and the
    /// chunk's handles on the fixed grid. Hosts fetch these before asking for the frame (OpenFX's frames needed).
    /// </summary>
    public static (int First, int Last) ContextOf(int clipLength, int frame, RestoreSettings settings)
    {
        var grid = VideoRestorer.Grid(clipLength, settings);
        return grid.Context(grid.ChunkOf(frame));
    }

    /// <summary>
    /// Compiles <paramref name="model"/> for the device if it is not loaded yet (seconds to minutes for a full SD1.5
    /// model; later loads reuse the graph cache). Throws <see cref="CheckpointException"/> for a model with a problem;
    /// the next call tries again.
    /// </summary>
    public void LoadModel(ModelPaths model) => Restorer(model);

    /// <summary>
    /// Restores frames <paramref name="first"/>..<paramref name="last"/> of <paramref name="clip"/> with
    /// <paramref name="model"/> (loaded on first use), handing each to <paramref name="onFrame"/> in order as its
    /// chunk completes. Every frame is computed from the same chunk context whichever range asked for it, so ranges
    /// and single frames give identical pixels; restored chunks are cached by content, so asking again is free. The
    /// frames handed out are shared with the cache: do not modify them. Cancellation is honoured between (and inside)
    /// network evaluations and throws <see cref="OperationCanceledException"/>; other failures throw
    /// <see cref="TdmException"/> or <see cref="CheckpointException"/>.
    /// </summary>
    public void Restore(ModelPaths model, IClip clip, int first, int last, RestoreSettings settings, Action<int, Frame> onFrame,
        IProgress<RestoreProgress>? progress = null, CancellationToken cancel = default)
    {
        cancel.ThrowIfCancellationRequested();
        settings.Validate();
        Restorer(model).RestoreRange(clip, first, last, settings, onFrame, progress, cancel);
    }

    /// <summary>Forgets every restored chunk (compiled models stay loaded).</summary>
    public void ClearCache() => _cache.Clear();

    /// <summary>Restored chunks held in memory now (diagnostics and tests).</summary>
    public int CachedChunks => _cache.Count;

    /// <summary>The most host memory, in bytes, the VAE's arrays have taken at once on frames larger than one tile:
    /// mostly the frame's activations, which wait for the whole frame between GroupNorms (each needs the whole
    /// frame's statistics), and those kept for the next frame of a stage; benchmarks report it apart from the
    /// networks' working memory.</summary>
    public long PeakVaeActivationBytes => _models.Select(m => m.Pipeline.TiledVae.PeakHostBytes).DefaultIfEmpty().Max();

    /// <summary>The most latent tiles of a frame that one evaluation of the networks takes now: <see
    /// cref="EngineOptions.TileBatch"/> (or the device's default) until an out-of-memory error halves it, which lasts
    /// for the engine's life; the smallest over the loaded models, null before one is loaded.</summary>
    public int? TileBatch => _models.IsEmpty ? null : _models.Min(m => m.Pipeline.TileBatch);

    public void Dispose()
    {
        foreach (var model in _models)
            model.Dispose();
        if (_device.IsValueCreated)
            _device.Value.Device.Dispose();
    }

    internal VideoRestorer Restorer(ModelPaths model)
    {
        var normalized = model with
        {
            Model = Path.GetFullPath(model.Model),
            ControlNet = model.ControlNet is null ? null : Path.GetFullPath(model.ControlNet),
            Tokenizer = model.Tokenizer is null ? null : Path.GetFullPath(model.Tokenizer),
        };
        var lazy = _restorers.GetOrAdd(normalized, m => new Lazy<VideoRestorer>(() => Load(m)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _restorers.TryRemove(new KeyValuePair<ModelPaths, Lazy<VideoRestorer>>(normalized, lazy));
            throw;
        }
    }

    private VideoRestorer Load(ModelPaths paths)
    {
        var (sessions, device, _) = _device.Value;
        var model = ModelLoader.Load(paths, sessions, device, _options.SplitGuidanceBatch, _options.TileBatch);
        _models.Add(model);
        return new VideoRestorer(model, _cache, _options.TaskPrompts);
    }
}
