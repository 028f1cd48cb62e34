using Tdm.Engine.Checkpoints;
using Tdm.Engine.Diffusion;
using Tdm.Engine.Runtime;
using Tdm.Engine.Text;

namespace Tdm.Engine.Models;

/// <summary>
/// Compiles a user's model for a device: finds its files (<see cref="ModelSource"/>), builds the graph of every
/// network in <see cref="NetworkCatalogue"/> from its configuration and weights (or takes it from the graph cache),
/// creates the sessions and assembles them into a <see cref="TdmModel"/>.
/// </summary>
internal static class ModelLoader
{
    public static TdmModel Load(ModelPaths paths, SessionFactory sessions, TensorDevice device, bool splitGuidance = false, int? tileBatch = null) =>
        Load(ModelSource.Open(paths.Model, paths.ControlNet, paths.Tokenizer), sessions, device, splitGuidance, tileBatch);

    public static TdmModel Load(ModelSource source, SessionFactory sessions, TensorDevice device, bool splitGuidance = false, int? tileBatch = null)
    {
        if (source.ControlNet is null)
            throw new CheckpointException(source.ModelPath,
                $"{source.ModelPath}: no ControlNet was given and the model has no controlnet/ folder. TDM restores through its " +
                "restoration ControlNet (or ControlNet v1.1 tile): pass its folder or .safetensors file.");
        var tokenizer = ClipTokenizer.FromFolder(source.Tokenizer.Folder);
        var scheduler = DdimScheduler.From(source.Scheduler);

        var compiled = new Dictionary<Network, NetworkSession>();
        try
        {
            foreach (var network in NetworkCatalogue.Networks.Except(NetworkCatalogue.Tiled))
                compiled[network] = Compile(sessions, network, NetworkCatalogue.ComponentNamed(network.Component).Source(source)!);
            Lazy<SegmentedNetwork> OnFirstUse(Network network) =>
                new(() => CompileSegments(sessions, network, NetworkCatalogue.ComponentNamed(network.Component).Source(source)!));
            var tiledVae = new TiledVae(OnFirstUse(NetworkCatalogue.VaeEncoderTiled), OnFirstUse(NetworkCatalogue.VaeDecoderTiled), device);
            var networks = new TdmNetworks(compiled[NetworkCatalogue.UNet], compiled[NetworkCatalogue.ControlNet], sessions);
            string identity = string.Join("|", NetworkCatalogue.Components.Select(c => FileIdentity.Of(c.Source(source)!.WeightsPath)))
                + $"|{sessions.Device.CacheKey}|{sessions.Device.ComputeType}";
            var pipeline = new TdmPipeline(compiled[NetworkCatalogue.VaeEncoder], compiled[NetworkCatalogue.VaeDecoder], tiledVae,
                new TdmSampler(networks, device, scheduler, splitGuidance, tileBatch ?? (device.Device.IsCuda ? int.MaxValue : 1)), device);
            var textEncoder = compiled[NetworkCatalogue.TextEncoder];
            return new TdmModel(identity, new PromptEmbeddings(tokenizer, textEncoder, device), pipeline,
                [networks, compiled[NetworkCatalogue.VaeEncoder], compiled[NetworkCatalogue.VaeDecoder], tiledVae, textEncoder]);
        }
        catch
        {
            foreach (var session in compiled.Values)
                session.Dispose();
            throw;
        }
    }

    // A network cut into segments (the tiled VAE): its graph is built from the config and the weights' headers,
    // which is quick, and each segment is compiled from the graph cache or built there.
    private static SegmentedNetwork CompileSegments(SessionFactory sessions, Network network, IComponentSource component)
    {
        string key = GraphCache.Key(network.Name, component.Config.ToJson(), [component.WeightsPath], sessions.Device);
        using var loaded = component.Open();
        var parts = network.Build(loaded.Config, loaded.Weights, sessions.Device.ComputeType).Split();
        var compiled = new List<NetworkSession>(parts.Count);
        try
        {
            foreach (var part in parts)
                compiled.Add(sessions.Create(part.Name, $"{key}-{compiled.Count}", () => part, arena: false));
            return new SegmentedNetwork(compiled);
        }
        catch
        {
            compiled.ForEach(c => c.Dispose());
            throw;
        }
    }

    // The weight file is opened only when the graph must be built (not when it is cached), and stays open until the
    // session exists: converting weights reads it. ONNX Runtime then reads the weights itself.
    private static NetworkSession Compile(SessionFactory sessions, Network network, IComponentSource component)
    {
        string key = GraphCache.Key(network.Name, component.Config.ToJson(), [component.WeightsPath], sessions.Device);
        ILoadedComponent? loaded = null;
        try
        {
            return sessions.Create(network.Name, key, () =>
            {
                loaded = component.Open();
                return network.Build(loaded.Config, loaded.Weights, sessions.Device.ComputeType);
            });
        }
        finally
        {
            loaded?.Dispose();
        }
    }
}
