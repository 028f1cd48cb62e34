using Tdm.Engine.Checkpoints;
using Tdm.Engine.Configs;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;

namespace Tdm.Engine.Models;

/// <summary>
/// One network of a TDM model as <see cref="NetworkCatalogue"/> describes it: its name (graph cache, benchmarks), the
/// checkpoint component whose weights and config it reads, how its graph is built from that config, and inputs
/// that exercise it at a processing size (benchmarks).
/// </summary>
/// <param name="Name">The network's name: "unet", "controlnet", "vae_encoder", "vae_decoder", "text_encoder".</param>
/// <param name="Component">The checkpoint component it reads (<see cref="ComponentNames"/>; both VAE halves read "vae").</param>
/// <param name="Build">The graph for a config, over weights, computing in a precision.</param>
/// <param name="Sample">Inputs for one forward pass at a processing width and height (random where values do not matter).</param>
internal sealed record Network(
    string Name,
    string Component,
    Func<IModelConfig, ITensorSource, TensorType, GraphBuilder> Build,
    Func<IModelConfig, int, int, NetworkSample> Sample);

/// <summary>Inputs of one forward pass: float tensors, int64 tensors (token ids), and a short description for reports.</summary>
internal sealed record NetworkSample(string Description, IReadOnlyList<(string Name, HostTensor Value)> Floats,
    IReadOnlyList<(string Name, long[] Values, long[] Shape)> Ids);

/// <summary>
/// One checkpoint component: the folder name in the diffusers layout, its weight file's name there, and where a
/// <see cref="ModelSource"/> has it (null: a model without a ControlNet).
/// </summary>
internal sealed record Component(string Name, string WeightsFile, Func<ModelSource, IComponentSource?> Source);
