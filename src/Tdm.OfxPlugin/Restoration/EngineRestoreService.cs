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

    public (int First, int Last) ContextOf(int clipLength, int index, RestoreSettings settings)
    {
        var grid = VideoRestorer.Grid(clipLength, settings);
        return grid.Context(grid.ChunkOf(index));
    }

    public Frame RestoreFrame(IClip clip, int index, RestoreRequest request, IProgress<RestoreProgress>? progress, CancellationToken cancel) =>
        Engine(request.Device).Restorer(request.Models).RestoreFrame(clip, index, request.Settings, progress, cancel);

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
