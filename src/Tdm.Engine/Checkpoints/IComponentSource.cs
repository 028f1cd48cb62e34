using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

/// <summary>A <see cref="ComponentSource{TConfig}"/> seen without its config type, for code that handles every
/// network alike (the network catalogue, inspection, benchmarks).</summary>
internal interface IComponentSource
{
    /// <summary>The network's name (<see cref="ComponentNames"/>).</summary>
    string Component { get; }

    /// <summary>The .safetensors file holding the weights.</summary>
    string WeightsPath { get; }

    /// <summary>The network's config.</summary>
    IModelConfig Config { get; }

    /// <summary>Opens the weight file; the caller disposes the result.</summary>
    ILoadedComponent Open();
}
