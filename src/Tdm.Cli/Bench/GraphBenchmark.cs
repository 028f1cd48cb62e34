using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;
using Tdm.Engine.Configs;

namespace Tdm.Cli.Bench;

/// <summary>One network to measure: how to build its graph and what to feed it.</summary>
internal sealed record BenchNetwork(string Name, long Parameters, string InputText, Func<ITensorSource, TensorType, GraphBuilder> Build,
    Func<LoadedComponentHandle> Open, IReadOnlyList<(string Name, HostTensor Value)> FloatInputs, IReadOnlyList<(string Name, long[] Value, long[] Shape)> IdInputs);

/// <summary>An open weight file and its view; disposing closes the file.</summary>
internal sealed record LoadedComponentHandle(ITensorSource Weights, IDisposable Owner) : IDisposable
{
    public void Dispose() => Owner.Dispose();
}

/// <summary>The figures of one network.</summary>
internal readonly record struct GraphTimes(double Build, double FirstLoad, double CachedLoad, double Forward);

/// <summary>Builds, loads and runs each network of a model, timing each stage.</summary>
internal static class GraphBenchmark
{
    public static IEnumerable<BenchNetwork> Networks(ModelSource source, int width, int height)
    {
        int h = height / 8, w = width / 8;
        var unet = source.UNet.Config;
        var control = source.ControlNet ?? throw new InvalidOperationException("the benchmark model has no ControlNet");
        var random = new Random(0);
        HostTensor Random(params long[] shape)
        {
            var t = new HostTensor(shape);
            for (int i = 0; i < t.Data.Length; i++)
                t.Data[i] = (float)((random.NextDouble() * 2) - 1);
            return t;
        }
        long Count(string component, IModelConfig config) => NetworkSpecs.ExpectedTensors(component, config).Sum(t => t.Shape.Aggregate(1L, (a, d) => a * d));
        LoadedComponentHandle Open<T>(ComponentSource<T> c) where T : IModelConfig
        {
            var loaded = c.Open();
            return new LoadedComponentHandle(loaded.Weights, loaded);
        }

        var text = source.TextEncoder.Config;
        var ids = Enumerable.Repeat((long)text.VocabSize - 1, text.MaxPositionEmbeddings).ToArray();
        yield return new("text_encoder", Count("text_encoder", text), $"ids 1x{text.MaxPositionEmbeddings}",
            (s, t) => ClipTextGraph.Build(NetworkSpecs.ClipText(text), s, t), () => Open(source.TextEncoder),
            [], [(ClipTextGraph.InputIds, ids, [1, ids.Length])]);

        var vae = source.Vae.Config;
        long vaeParameters = Count("vae", vae);
        yield return new("vae_encoder", vaeParameters, $"image 1x3x{height}x{width}",
            (s, t) => VaeGraph.BuildEncoder(NetworkSpecs.Vae(vae), s, t), () => Open(source.Vae),
            [(VaeGraph.Image, Random(1, 3, height, width))], []);
        yield return new("vae_decoder", vaeParameters, $"latent 1x4x{h}x{w}",
            (s, t) => VaeGraph.BuildDecoder(NetworkSpecs.Vae(vae), s, t), () => Open(source.Vae),
            [(VaeGraph.Latent, Random(1, 4, h, w))], []);

        var spec = NetworkSpecs.UNet(unet).Encoder;
        var shared = new List<(string, HostTensor)>
        {
            (UNetGraph.Sample, Random(2, 4, h, w)), (UNetGraph.Timestep, new HostTensor([500f, 500f], 2)),
            (UNetGraph.EncoderHiddenStates, Random(2, 77, unet.CrossAttentionDim)), (UNetGraph.FrameMix, HostTensor.Identity(2)),
        };
        var residuals = spec.SkipChannels.Select((c, i) => (UNetGraph.DownResidual(i), new HostTensor(2, c, h >> spec.SkipDownsampling[i], w >> spec.SkipDownsampling[i])))
            .Append((UNetGraph.MidResidual, new HostTensor(2, spec.BlockOutChannels[^1], h >> (spec.BlockOutChannels.Length - 1), w >> (spec.BlockOutChannels.Length - 1))));
        yield return new("unet", Count("unet", unet), $"latent 2x4x{h}x{w}",
            (s, t) => UNetGraph.Build(NetworkSpecs.UNet(unet), s, t), () => Open(source.UNet),
            [.. shared, .. residuals], []);
        yield return new("controlnet", Count("controlnet", control.Config), $"latent 2x4x{h}x{w}",
            (s, t) => ControlNetGraph.Build(NetworkSpecs.ControlNet(control.Config), s, t), () => Open(control),
            [.. shared, (ControlNetGraph.Cond, Random(2, 3, height, width)), (ControlNetGraph.Scale, new HostTensor([1f], 1))], []);
    }

    public static GraphTimes Measure(BenchNetwork network, ExecutionDevice device, string cache, int runs, CancellationToken cancel)
    {
        string key = network.Name + "-bench";
        var clock = Stopwatch.StartNew();
        using (var weights = network.Open())
            network.Build(weights.Weights, device.ComputeType).Build(_ => new ExternalLocation("weights", 0, 0)); // serialization only
        double build = clock.Elapsed.TotalSeconds;

        clock.Restart();
        LoadedComponentHandle? open = null;
        var sessions = new SessionFactory(device, cache);
        try
        {
            sessions.Create(network.Name, key, () =>
            {
                open = network.Open();
                return network.Build(open.Weights, device.ComputeType);
            }).Dispose();
        }
        finally
        {
            open?.Dispose();
        }
        double first = clock.Elapsed.TotalSeconds;

        clock.Restart();
        using var session = new SessionFactory(device, cache).Create(network.Name, key, () => throw new InvalidOperationException("the graph cache missed"));
        double cached = clock.Elapsed.TotalSeconds;

        using var tensors = new TensorDevice(sessions);
        var inputs = network.FloatInputs.Select(i => (i.Name, tensors.Upload(i.Value)))
            .Concat(network.IdInputs.Select(i => (i.Name, OrtValue.CreateTensorValueFromMemory(i.Value, i.Shape))))
            .ToList();
        try
        {
            var times = new List<double>();
            for (int r = 0; r <= runs; r++) // the first pass warms up (kernel selection, allocations)
            {
                clock.Restart();
                foreach (var output in tensors.Run(session, inputs, session.OutputNames, cancel))
                    output.Dispose();
                if (r > 0)
                    times.Add(clock.Elapsed.TotalSeconds);
            }
            times.Sort();
            return new GraphTimes(build, first, cached, times[times.Count / 2]);
        }
        finally
        {
            inputs.ForEach(i => i.Item2.Dispose());
        }
    }
}
