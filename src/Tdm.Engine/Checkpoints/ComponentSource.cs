using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// Where one network of a model is: its weight file, its config (read from config.json or detected from the
/// weights) and how its keys are named in the file. Holds no open file; <see cref="Open"/> opens one.
/// </summary>
/// <typeparam name="TConfig">The config record of the network.</typeparam>
internal sealed class ComponentSource<TConfig> : IComponentSource where TConfig : IModelConfig
{
    private readonly Func<SafetensorsFile, ComponentKeyMap> _keyMap;

    internal ComponentSource(string component, string weightsPath, TConfig config, CheckpointLayout layout,
        string? configPath, Func<SafetensorsFile, ComponentKeyMap> keyMap, string? configOrigin = null)
    {
        Component = component;
        WeightsPath = weightsPath;
        Config = config;
        Layout = layout;
        ConfigPath = configPath;
        ConfigOrigin = configOrigin ?? configPath ?? "detected from the weights";
        _keyMap = keyMap;
    }

    /// <summary>The network's name (<see cref="ComponentNames"/>).</summary>
    public string Component { get; }

    /// <summary>The .safetensors file holding the weights (shared by several networks in a single file).</summary>
    public string WeightsPath { get; }

    /// <summary>The network's config.</summary>
    public TConfig Config { get; }

    /// <summary>The layout the weights come in.</summary>
    public CheckpointLayout Layout { get; }

    /// <summary>The config.json the config was read from; null when it was detected from the weights.</summary>
    public string? ConfigPath { get; }

    /// <summary>Where the config came from, in words: the config.json path, "detected from the weights ...", or
    /// "given, checked against the weights".</summary>
    public string ConfigOrigin { get; }

    IModelConfig IComponentSource.Config => Config;

    ILoadedComponent IComponentSource.Open() => Open();

    /// <summary>Opens the weight file and returns the network over it; the caller owns and disposes the result.</summary>
    public LoadedComponent<TConfig> Open()
    {
        var file = SafetensorsFile.Open(WeightsPath);
        try
        {
            return new LoadedComponent<TConfig>(this, file, View(file));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The network's view over <paramref name="file"/>, an already open <see cref="WeightsPath"/> (so the
    /// networks of a single file can share one mapping). The caller keeps owning the file.</summary>
    public ComponentWeights View(SafetensorsFile file)
    {
        if (!string.Equals(Path.GetFullPath(file.Path), Path.GetFullPath(WeightsPath), StringComparison.Ordinal))
            throw new ArgumentException($"{file.Path} is not this {Component}'s weight file {WeightsPath}", nameof(file));
        return new ComponentWeights(Component, file, _keyMap(file));
    }
}
