using Tdm.Engine.Checkpoints;
using Tdm.Engine.Diffusion;
using Tdm.Engine.Graphs;
using Tdm.Engine.Text;

namespace Tdm.Engine.Runtime;

/// <summary>
/// Compiles a user's model for a device: finds its files (<see cref="ModelSource"/>), builds each network's graph
/// from its configuration and weights (or takes it from the graph cache), and creates the sessions.
/// </summary>
internal static class ModelLoader
{
    public static TdmModel Load(ModelPaths paths, SessionFactory sessions, TensorDevice device, bool splitGuidance = false) =>
        Load(ModelSource.Open(paths.Model, paths.ControlNet, paths.Tokenizer), sessions, device, splitGuidance);

    public static TdmModel Load(ModelSource source, SessionFactory sessions, TensorDevice device, bool splitGuidance = false)
    {
        var controlNet = source.ControlNet ?? throw new CheckpointException(source.ModelPath,
            $"{source.ModelPath}: no ControlNet was given and the model has no controlnet/ folder. TDM restores through its " +
            "restoration ControlNet (or ControlNet v1.1 tile): pass its folder or .safetensors file.");
        var tokenizer = ClipTokenizer.FromFolder(source.Tokenizer.Folder);
        var scheduler = DdimScheduler.From(source.Scheduler);
        var type = sessions.Device.ComputeType;

        var created = new List<IDisposable>();
        try
        {
            var textEncoder = Track(created, Compile(sessions, "text_encoder", source.TextEncoder,
                (c, w) => ClipTextGraph.Build(NetworkSpecs.ClipText(c), w, type)));
            var vaeEncoder = Track(created, Compile(sessions, "vae_encoder", source.Vae,
                (c, w) => VaeGraph.BuildEncoder(NetworkSpecs.Vae(c), w, type)));
            var vaeDecoder = Track(created, Compile(sessions, "vae_decoder", source.Vae,
                (c, w) => VaeGraph.BuildDecoder(NetworkSpecs.Vae(c), w, type)));
            var unet = Track(created, Compile(sessions, "unet", source.UNet,
                (c, w) => UNetGraph.Build(NetworkSpecs.UNet(c), w, type)));
            var control = Track(created, Compile(sessions, "controlnet", controlNet,
                (c, w) => ControlNetGraph.Build(NetworkSpecs.ControlNet(c), w, type)));
            string identity = string.Join("|", new[] { source.UNet.WeightsPath, source.Vae.WeightsPath, source.TextEncoder.WeightsPath, controlNet.WeightsPath }
                .Select(FileIdentity.Of))
                + $"|{sessions.Device.CacheKey}|{type}";
            return new TdmModel(identity, new PromptEmbeddings(tokenizer, textEncoder), vaeEncoder, vaeDecoder,
                new TdmNetworks(unet, control, sessions), device, scheduler, textEncoder, splitGuidance);
        }
        catch
        {
            created.ForEach(c => c.Dispose());
            throw;
        }
    }

    // The weight file is opened only when the graph must be built (not when it is cached), and stays open until the
    // session exists: converting weights reads it. ONNX Runtime then reads the weights itself.
    private static NetworkSession Compile<TConfig>(SessionFactory sessions, string network, ComponentSource<TConfig> component,
        Func<TConfig, ComponentWeights, GraphBuilder> build) where TConfig : IModelConfig
    {
        string key = GraphCache.Key(network, component.Config.ToJson(), [component.WeightsPath], sessions.Device);
        LoadedComponent<TConfig>? loaded = null;
        try
        {
            return sessions.Create(network, key, () =>
            {
                loaded = component.Open();
                return build(loaded.Config, loaded.Weights);
            });
        }
        finally
        {
            loaded?.Dispose();
        }
    }

    private static T Track<T>(List<IDisposable> list, T item) where T : IDisposable
    {
        list.Add(item);
        return item;
    }
}
