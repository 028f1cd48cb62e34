using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Configs;

/// <summary>
/// A network's or scheduler's configuration as diffusers/transformers store it in config.json. Implementations are
/// immutable records whose defaults are the library's; <c>Load</c> reads and validates a file, code may also build
/// one (<c>with</c>) and call <see cref="Validate"/> itself.
/// </summary>
internal interface IModelConfig
{
    /// <summary>The library class the config describes ("UNet2DConditionModel", "CLIPTextModel", ...).</summary>
    string ClassName { get; }

    /// <summary>Throws <see cref="CheckpointException"/> naming <paramref name="source"/> (the config file or the
    /// checkpoint it was detected from), the field and what TDM supports when a value is unusable.</summary>
    void Validate(string source);

    /// <summary>The config.json text the library writes for this config (sorted keys, 2-space indent).</summary>
    string ToJson();
}
