using Tdm.Engine.Checkpoints;
using Tdm.Engine.Configs;
using Tdm.Engine.Graphs;
using Tdm.Engine.Graphs.Layers;
using Tdm.Engine.Runtime;

namespace Tdm.Engine.Models;

/// <summary>
/// The one list of the networks a TDM model is made of (Stable Diffusion 1.5's text encoder, VAE and U-Net, plus the
/// restoration ControlNet) and of the checkpoint components they read. The loader, inspection, synthetic models and
/// the graph benchmark all read it: adding a network is one entry here.
/// </summary>
internal static class NetworkCatalogue
{
    public static readonly Component UNetComponent = new(ComponentNames.UNet, "diffusion_pytorch_model.safetensors", s => s.UNet);
    public static readonly Component ControlNetComponent = new(ComponentNames.ControlNet, "diffusion_pytorch_model.safetensors", s => s.ControlNet);
    public static readonly Component VaeComponent = new(ComponentNames.Vae, "diffusion_pytorch_model.safetensors", s => s.Vae);
    public static readonly Component TextEncoderComponent = new(ComponentNames.TextEncoder, "model.safetensors", s => s.TextEncoder);

    /// <summary>Every component, in the order models are written and reported.</summary>
    public static IReadOnlyList<Component> Components { get; } = [UNetComponent, VaeComponent, TextEncoderComponent, ControlNetComponent];

    public static readonly Network TextEncoder = new("text_encoder", ComponentNames.TextEncoder,
        (c, w, t) => ClipTextGraph.Build(NetworkSpecs.ClipText((ClipTextConfig)c), w, t),
        (c, _, _) =>
        {
            var text = (ClipTextConfig)c;
            var ids = Enumerable.Repeat((long)text.VocabSize - 1, text.MaxPositionEmbeddings).ToArray();
            return new($"ids 1x{ids.Length}", [], [(ClipTextGraph.InputIds, ids, [1, ids.Length])]);
        });

    public static readonly Network VaeEncoder = new("vae_encoder", ComponentNames.Vae,
        (c, w, t) => VaeGraph.BuildEncoder(NetworkSpecs.Vae((VaeConfig)c), w, t),
        (_, width, height) => new($"image 1x3x{height}x{width}", [(VaeGraph.Image, Random(1, 3, height, width))], []));

    public static readonly Network VaeDecoder = new("vae_decoder", ComponentNames.Vae,
        (c, w, t) => VaeGraph.BuildDecoder(NetworkSpecs.Vae((VaeConfig)c), w, t),
        (_, width, height) => new($"latent 1x4x{height / 8}x{width / 8}", [(VaeGraph.Latent, Random(1, 4, height / 8, width / 8))], []));

    public static readonly Network VaeEncoderTiled = new("vae_encoder_tiled", ComponentNames.Vae,
        (c, w, t) => VaeGraph.BuildEncoder(NetworkSpecs.Vae((VaeConfig)c), w, t, tiled: true),
        (c, width, height) => TiledVaeSample(c, decoder: false, $"image tile 1x3x{height}x{width}", (VaeGraph.Image, Random(1, 3, height, width)), height, width));

    public static readonly Network VaeDecoderTiled = new("vae_decoder_tiled", ComponentNames.Vae,
        (c, w, t) => VaeGraph.BuildDecoder(NetworkSpecs.Vae((VaeConfig)c), w, t, tiled: true),
        (c, width, height) => TiledVaeSample(c, decoder: true, $"latent tile 1x4x{height / 8}x{width / 8}",
            (VaeGraph.Latent, Random(1, 4, height / 8, width / 8)), height / 8, width / 8));

    public static readonly Network UNet = new("unet", ComponentNames.UNet,
        (c, w, t) => UNetGraph.Build(NetworkSpecs.UNet((UNetConfig)c), w, t),
        (c, width, height) =>
        {
            var spec = NetworkSpecs.UNet((UNetConfig)c).Encoder;
            int h = height / 8, w = width / 8, levels = spec.BlockOutChannels.Length - 1;
            var residuals = spec.SkipChannels
                .Select((channels, i) => (UNetGraph.DownResidual(i), new HostTensor(2, channels, h >> spec.SkipDownsampling[i], w >> spec.SkipDownsampling[i])))
                .Append((UNetGraph.MidResidual, new HostTensor(2, spec.BlockOutChannels[^1], h >> levels, w >> levels)));
            return new($"latent 2x4x{h}x{w}", [.. DenoiserInputs(spec.CrossAttentionDim, width, height), .. residuals], []);
        });

    public static readonly Network ControlNet = new("controlnet", ComponentNames.ControlNet,
        (c, w, t) => ControlNetGraph.Build(NetworkSpecs.ControlNet((ControlNetConfig)c), w, t),
        (c, width, height) => new($"latent 2x4x{height / 8}x{width / 8}",
            [.. DenoiserInputs(((ControlNetConfig)c).CrossAttentionDim, width, height),
             (ControlNetGraph.Cond, Random(2, 3, height, width)), (ControlNetGraph.Scale, new HostTensor([1f], 1))], []));

    /// <summary>Every network, in the order they are loaded and benchmarked.</summary>
    public static IReadOnlyList<Network> Networks { get; } = [TextEncoder, VaeEncoder, VaeDecoder, UNet, ControlNet, VaeEncoderTiled, VaeDecoderTiled];

    /// <summary>The tiled VAE, for frames larger than one tile: compiled when first needed, one session per segment.</summary>
    public static IReadOnlyList<Network> Tiled { get; } = [VaeEncoderTiled, VaeDecoderTiled];

    /// <summary>The component named <paramref name="name"/>.</summary>
    public static Component ComponentNamed(string name) =>
        Components.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no component is named '{name}'", nameof(name));

    /// <summary>
    /// Every tensor the graphs of <paramref name="component"/> read for <paramref name="config"/>, with its shape: the
    /// one list of what a checkpoint must hold, recorded from the graph code itself.
    /// </summary>
    public static IReadOnlyList<(string Key, long[] Shape)> ExpectedTensors(string component, IModelConfig config)
    {
        var recorder = new TensorRecorder();
        foreach (var network in Networks.Where(n => n.Component == component))
            network.Build(config, recorder, TensorType.Float);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return recorder.Tensors.Where(t => seen.Add(t.Key)).ToList();
    }

    /// <summary>Parameters of a component: the elements of its expected tensors.</summary>
    public static long Parameters(string component, IModelConfig config) =>
        ExpectedTensors(component, config).Sum(t => t.Shape.Aggregate(1L, (a, d) => a * d));

    // Sample, timestep, text embeddings and the frame-mixing matrix of a guided batch of two.
    private static IEnumerable<(string, HostTensor)> DenoiserInputs(int crossAttentionDim, int width, int height) =>
    [
        (UNetGraph.Sample, Random(2, 4, height / 8, width / 8)), (UNetGraph.Timestep, new HostTensor([500f, 500f], 2)),
        (UNetGraph.EncoderHiddenStates, Random(2, 77, crossAttentionDim)), (UNetGraph.FrameMix, HostTensor.Identity(2)),
    ];

    // A tiled VAE half uncut, as one graph: its input, the window's weight, and unit statistics for every GroupNorm.
    private static NetworkSample TiledVaeSample(IModelConfig config, bool decoder, string description, (string, HostTensor) input, int height, int width)
    {
        var spec = NetworkSpecs.Vae((VaeConfig)config);
        var unit = new HostTensor([.. new float[spec.Groups], .. Enumerable.Repeat(1f, spec.Groups)], 2, spec.Groups);
        var weight = new HostTensor(Enumerable.Repeat(1f, height).ToArray(), 1, 1, height, 1);
        return new(description, [input, (FrameStatistics.TileWeight, weight),
            .. Enumerable.Range(0, VaeGraph.GroupNorms(spec, decoder)).Select(k => (FrameStatistics.Statistics + k, unit))], []);
    }

    private static HostTensor Random(params long[] shape)
    {
        var random = new Random(0);
        var t = new HostTensor(shape);
        for (int i = 0; i < t.Data.Length; i++)
            t.Data[i] = (float)((random.NextDouble() * 2) - 1);
        return t;
    }
}
