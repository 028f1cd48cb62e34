using Tdm.Engine;

namespace Tdm.OfxPlugin.Restoration;

/// <summary>
/// Everything one render asks of the engine, read from the instance's parameters: the model files, the device and
/// the engine's own settings (ShortSide already multiplied by the render scale; Scale 1 unless super-resolution
/// writes into a larger output).
/// </summary>
internal sealed record RestoreRequest(ModelPaths Models, DeviceKind Device, RestoreSettings Settings);
