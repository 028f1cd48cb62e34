using System.Collections.Concurrent;
using Tdm.Engine.Runtime;

namespace Tdm.Engine.Diffusion;

/// <summary>The compiled networks one chunk needs, on one device, plus the small step graphs (built on first use).
/// Owns the sessions.</summary>
internal sealed class TdmNetworks(NetworkSession unet, NetworkSession controlNet, SessionFactory sessions) : IDisposable
{
    private readonly ConcurrentDictionary<(int, int), Lazy<NetworkSession>> _steps = new();
    private readonly ConcurrentDictionary<string, Lazy<NetworkSession>> _graphs = new();

    public NetworkSession UNet { get; } = unet;

    public NetworkSession ControlNet { get; } = controlNet;

    /// <summary>The DDIM update for a guidance batch of <paramref name="guidanceGroups"/> feeding
    /// <paramref name="nextGroups"/> groups to the next call.</summary>
    public NetworkSession Step(int guidanceGroups, int nextGroups) =>
        _steps.GetOrAdd((guidanceGroups, nextGroups),
            key => new Lazy<NetworkSession>(() => sessions.Create(DdimStep.Build(key.Item1, key.Item2)))).Value;

    /// <summary>The tile graphs (crop, first blend, accumulating blend, normalise, rows of a batch), built on first use.</summary>
    public NetworkSession TileCrop => Graph("crop", LatentTiles.CropGraph);

    public NetworkSession TileBlendFirst => Graph("first", () => LatentTiles.BlendGraph(accumulate: false));

    public NetworkSession TileBlendAdd => Graph("add", () => LatentTiles.BlendGraph(accumulate: true));

    public NetworkSession TileNormalise => Graph("normalise", LatentTiles.NormaliseGraph);

    public NetworkSession TileRows => Graph("rows", LatentTiles.RowsGraph);

    private NetworkSession Graph(string name, Func<Graphs.GraphBuilder> build) =>
        _graphs.GetOrAdd(name, _ => new Lazy<NetworkSession>(() => sessions.Create(build()))).Value;

    public void Dispose()
    {
        UNet.Dispose();
        ControlNet.Dispose();
        foreach (var step in _steps.Values.Concat(_graphs.Values).Where(s => s.IsValueCreated))
            step.Value.Dispose();
    }
}
