using System.Collections.Concurrent;
using Tdm.Engine.Runtime;
using Tdm.Engine.Text;
using Tdm.Engine.Video;

namespace Tdm.Engine;

/// <summary>
/// The engine's entry point for hosts (the OpenFX plugin, the command line): resolves the device on first use,
/// compiles each model once and shares it, and keeps one cache of restored chunks. Thread-safe. Dispose it when
/// the host unloads.
/// </summary>
public sealed class TdmEngine : IDisposable
{
    private readonly EngineOptions _options;
    private readonly Lazy<(SessionFactory Sessions, TensorDevice Device, string? Note)> _device;
    private readonly ConcurrentDictionary<ModelPaths, Lazy<VideoRestorer>> _restorers = new();
    private readonly ConcurrentBag<IDisposable> _models = [];
    private readonly RestoredChunkCache _cache;

    /// <summary>Creates the engine; nothing is loaded until a restorer is asked for.</summary>
    public TdmEngine(EngineOptions options)
    {
        _options = options;
        _cache = new RestoredChunkCache(options.ResultCacheBytes);
        _device = new Lazy<(SessionFactory, TensorDevice, string?)>(() =>
        {
            var (device, note) = DeviceSelection.Resolve(options.Device, options.DeviceIndex, options.IntraOpThreads, options.CudaLibraryPath);
            if (options.HalfPrecisionOnCpu && !device.IsCuda)
                device = device with { HalfPrecisionOnCpu = true, Description = $"{device.Description}, float16" };
            var sessions = new SessionFactory(device, options.ResolvedCacheDirectory);
            return (sessions, new TensorDevice(sessions), note);
        });
    }

    /// <summary>The device the networks run on ("CUDA device 0", "CPU, 8 threads"); resolves it if needed.</summary>
    public string DeviceDescription => _device.Value.Sessions.Device.Description;

    /// <summary>Why the engine fell back to the CPU in Auto mode, or null.</summary>
    public string? DeviceNote => _device.Value.Note;

    /// <summary>The restored-chunk cache (shared by every model).</summary>
    public RestoredChunkCache Cache => _cache;

    /// <summary>
    /// The restorer for <paramref name="model"/>, compiling the model on first use (seconds to minutes for a full
    /// SD1.5 model; later loads reuse the graph cache). Throws <see cref="Checkpoints.CheckpointException"/> for a
    /// model with a problem, and retries the load on the next call.
    /// </summary>
    public VideoRestorer Restorer(ModelPaths model)
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

    /// <summary>Forgets every restored chunk (compiled models stay loaded).</summary>
    public void ClearCache() => _cache.Clear();

    public void Dispose()
    {
        foreach (var model in _models)
            model.Dispose();
        if (_device.IsValueCreated)
            _device.Value.Device.Dispose();
    }

    private VideoRestorer Load(ModelPaths paths)
    {
        var (sessions, device, _) = _device.Value;
        var model = ModelLoader.Load(paths, sessions, device, _options.SplitGuidanceBatch);
        _models.Add(model);
        return new VideoRestorer(model, _cache, _options.TaskPrompts);
    }
}
