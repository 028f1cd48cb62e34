using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// One network opened for use: its config, its open checkpoint file and the <see cref="ComponentWeights"/> view the
/// graph code reads. Owns <see cref="File"/>: disposing this unmaps it, after which pointers and spans from it and
/// <see cref="Weights"/> are invalid.
/// </summary>
/// <typeparam name="TConfig">The config record of the network.</typeparam>
internal sealed class LoadedComponent<TConfig> : ILoadedComponent where TConfig : IModelConfig
{
    internal LoadedComponent(ComponentSource<TConfig> source, SafetensorsFile file, ComponentWeights weights)
    {
        Source = source;
        File = file;
        Weights = weights;
    }

    /// <summary>Where the network came from.</summary>
    public ComponentSource<TConfig> Source { get; }

    /// <summary>The network's config.</summary>
    public TConfig Config => Source.Config;

    IModelConfig ILoadedComponent.Config => Config;

    /// <summary>The open checkpoint (owned).</summary>
    public SafetensorsFile File { get; }

    /// <summary>The network's tensors under diffusers names.</summary>
    public ComponentWeights Weights { get; }

    /// <summary>Unmaps the checkpoint.</summary>
    public void Dispose() => File.Dispose();
}
