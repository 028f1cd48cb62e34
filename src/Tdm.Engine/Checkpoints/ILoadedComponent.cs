using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

/// <summary>A <see cref="LoadedComponent{TConfig}"/> seen without its config type. Disposing it unmaps the file.</summary>
internal interface ILoadedComponent : IDisposable
{
    /// <summary>The network's config.</summary>
    IModelConfig Config { get; }

    /// <summary>The network's tensors under diffusers names; valid until disposal.</summary>
    ComponentWeights Weights { get; }
}
