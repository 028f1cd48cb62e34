using System.Collections.Concurrent;
using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.OfxPlugin.Restoration;

/// <summary>
/// The adapter from the effect to the engine facade: one <see cref="TdmEngine"/> per execution device, created on
/// first use and shared by every instance (models, compiled graphs and restored chunks are loaded once per binary).
/// </summary>
internal sealed class EngineRestoreService : IRestoreService, IDisposable
{
    private readonly ConcurrentDictionary<DeviceKind, Lazy<TdmEngine>> _engines = new();

    public (int First, int Last) ContextOf(int clipLength, int index, RestoreSettings settings) =>
        TdmEngine.ContextOf(clipLength, index, settings);

    public void LoadModel(ModelPaths models, DeviceKind device) => Engine(device).LoadModel(models);

    public Frame RestoreFrame(IClip clip, int index, RestoreRequest request, IProgress<RestoreProgress>? progress, CancellationToken cancel)
    {
        Frame? restored = null;
        Engine(request.Device).Restore(request.Models, clip, index, index, request.Settings, (_, frame) => restored = frame, progress, cancel);
        return restored ?? throw new TdmException(TdmErrorKind.Internal, $"the engine returned no frame {index}");
    }

    public void ClearCache()
    {
        foreach (var engine in _engines.Values.Where(e => e.IsValueCreated))
            engine.Value.ClearCache();
    }

    public void Dispose()
    {
        foreach (var engine in _engines.Values.Where(e => e.IsValueCreated))
            engine.Value.Dispose();
    }

    private TdmEngine Engine(DeviceKind device) =>
        _engines.GetOrAdd(device, d => new Lazy<TdmEngine>(() => new TdmEngine(new EngineOptions { Device = d }))).Value;
}
