using Tdm.Engine;

namespace Tdm.Cli.Restore;

/// <summary>Opens a restorer for a model on a device: loads (or fetches from cache) the model's graphs.</summary>
internal interface IRangeRestorerFactory
{
    /// <summary>
    /// A restorer over <paramref name="model"/>; the caller owns and disposes it. Model problems are a
    /// <see cref="TdmException"/> of kind Model, device problems of kind Device.
    /// </summary>
    IRangeRestorer Open(ModelPaths model, EngineOptions options);
}
