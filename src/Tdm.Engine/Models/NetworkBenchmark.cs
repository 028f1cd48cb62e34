using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;

namespace Tdm.Engine.Models;

/// <summary>The figures of one network in <see cref="NetworkBenchmark"/>.</summary>
/// <param name="Network">The network ("unet", "controlnet", "vae_encoder", "vae_decoder", "text_encoder").</param>
/// <param name="Parameters">Its weights' element count.</param>
/// <param name="Input">What one forward pass was fed ("latent 2x4x32x32").</param>
/// <param name="BuildSeconds">Our graph build (protobuf serialisation), without ONNX Runtime.</param>
/// <param name="FirstLoadSeconds">Build plus session creation with an empty graph cache.</param>
/// <param name="CachedLoadSeconds">Session creation from the graph cache.</param>
/// <param name="ForwardSeconds">The median forward pass after one warm-up.</param>
public sealed record NetworkTiming(string Network, long Parameters, string Input, double BuildSeconds, double FirstLoadSeconds,
    double CachedLoadSeconds, double ForwardSeconds);

/// <summary>
/// Diagnostics for <c>tdm bench graphs</c>: builds, loads and runs every network of <see cref="NetworkCatalogue"/> for
/// a model on the engine's device, timing each stage. A measurement, not a test: the figures depend on the machine.
/// </summary>
public static class NetworkBenchmark
{
    /// <summary>
    /// Measures every network of the diffusers model in <paramref name="modelFolder"/> at a processing size of
    /// <paramref name="width"/> x <paramref name="height"/> (multiples of 64), with a fresh graph cache under
    /// <paramref name="cacheFolder"/> (deleted afterwards) so that the first load really builds. Reports each
    /// network's figures through <paramref name="measured"/> as they come; returns the device's description.
    /// </summary>
    public static string Run(string modelFolder, EngineOptions options, int width, int height, int runs, string cacheFolder,
        Action<NetworkTiming> measured, CancellationToken cancel = default)
    {
        if (width % 64 != 0 || height % 64 != 0 || width <= 0 || height <= 0)
            throw new TdmException(TdmErrorKind.BadArgument, $"the size must be positive multiples of 64 (the networks' downsampling), got {width}x{height}");
        var (device, note) = DeviceSelection.Resolve(options.Device, options.DeviceIndex, options.IntraOpThreads, options.CudaLibraryPath);
        var source = ModelSource.Open(modelFolder);
        try
        {
            foreach (var network in NetworkCatalogue.Networks)
            {
                cancel.ThrowIfCancellationRequested();
                var component = NetworkCatalogue.ComponentNamed(network.Component).Source(source)
                    ?? throw new CheckpointException(modelFolder, $"{modelFolder}: the model has no {network.Component}");
                measured(Measure(network, component, device, width, height, cacheFolder, Math.Max(1, runs), cancel));
            }
        }
        finally
        {
            if (Directory.Exists(cacheFolder))
                Directory.Delete(cacheFolder, recursive: true);
        }
        return $"{device.Description}{(note is null ? "" : $" ({note})")}, {device.ComputeType}";
    }

    private static NetworkTiming Measure(Network network, IComponentSource component, ExecutionDevice device, int width, int height,
        string cache, int runs, CancellationToken cancel)
    {
        string key = network.Name + "-bench";
        var clock = Stopwatch.StartNew();
        using (var weights = component.Open())
            network.Build(weights.Config, weights.Weights, device.ComputeType).Build(_ => new ExternalLocation("weights", 0, 0)); // serialisation only
        double build = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var sessions = new SessionFactory(device, cache);
        ILoadedComponent? open = null;
        try
        {
            sessions.Create(network.Name, key, () =>
            {
                open = component.Open();
                return network.Build(open.Config, open.Weights, device.ComputeType);
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

        var sample = network.Sample(component.Config, width, height);
        using var tensors = new TensorDevice(sessions);
        var inputs = sample.Floats.Select(i => (i.Name, tensors.Upload(i.Value)))
            .Concat(sample.Ids.Select(i => (i.Name, OrtValue.CreateTensorValueFromMemory(i.Values, i.Shape))))
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
            return new NetworkTiming(network.Name, NetworkCatalogue.Parameters(network.Component, component.Config), sample.Description,
                build, first, cached, times[times.Count / 2]);
        }
        finally
        {
            inputs.ForEach(i => i.Item2.Dispose());
        }
    }
}
