using Tdm.Engine;
using Tdm.OfxPlugin.Host;
using Tdm.OfxPlugin.Restoration;

namespace Tdm.OfxPlugin;

/// <summary>Reads an instance's parameters into the engine's settings.</summary>
internal static class EffectSettings
{
    /// <summary>
    /// The parameters' values at <paramref name="time"/>. <paramref name="renderScale"/> (0..1] scales the processing
    /// short side, rounded to a multiple of 64 (at least 64), so that proxies and scrubbing restore at the scaled size.
    /// Throws TdmException(Model) when no model folder is set or it does not exist.
    /// </summary>
    public static RestoreRequest Read(ParamSet p, double time, double renderScale)
    {
        var model = p.Get(EffectParams.ModelFolder).GetString(time).Trim();
        if (model.Length == 0)
            throw new TdmException(TdmErrorKind.Model,
                "TDM Restore has no model: set Model folder (on the Restore page) to a Stable Diffusion 1.5 folder in the diffusers layout, the one that holds model_index.json");
        if (!Directory.Exists(model))
            throw new TdmException(TdmErrorKind.Model,
                $"the model folder \"{model}\" does not exist: set Model folder to a Stable Diffusion 1.5 folder in the diffusers layout");
        var controlNet = p.Get(EffectParams.ControlNet).GetString(time).Trim();
        var task = (RestorationTask)p.Get(EffectParams.Task).GetInt(time);
        var scaleIndex = Math.Clamp(p.Get(EffectParams.OutputScale).GetInt(time), 0, EffectParams.Scales.Length - 1);
        var shortSide = p.Get(EffectParams.ShortSide).GetInt(time) * Math.Clamp(renderScale, 0.0, 1.0);
        var settings = ReadGrid(p, time) with
        {
            Task = task,
            Prompt = task == RestorationTask.Custom ? p.Get(EffectParams.Prompt).GetString(time) : null,
            InversionSteps = p.Get(EffectParams.InversionSteps).GetInt(time),
            SamplingSteps = p.Get(EffectParams.SamplingSteps).GetInt(time),
            Guidance = (float)p.Get(EffectParams.Guidance).GetDouble(time),
            ControlNetScale = (float)p.Get(EffectParams.ControlNetScale).GetDouble(time),
            ShortSide = Math.Max(64, (int)Math.Round(shortSide / 64.0) * 64),
            ColourFix = (ColourFix)p.Get(EffectParams.ColourFix).GetInt(time),
            Scale = task == RestorationTask.SuperResolution ? EffectParams.Scales[scaleIndex] : 1,
        };
        return new RestoreRequest(
            new ModelPaths(model, controlNet.Length == 0 ? null : controlNet),
            (DeviceKind)p.Get(EffectParams.Device).GetInt(time),
            settings.Validate());
    }

    /// <summary>
    /// The chunk-grid settings alone: GetFramesNeeded must answer before a model is chosen, with the render's grid.
    /// </summary>
    public static RestoreSettings ReadGrid(ParamSet p, double time) => new()
    {
        Temporal = (TemporalMode)p.Get(EffectParams.TemporalMode).GetInt(time),
        Radius = p.Get(EffectParams.WindowRadius).GetInt(time),
        ChunkLength = p.Get(EffectParams.ChunkLength).GetInt(time),
        Handles = p.Get(EffectParams.Handles).GetInt(time),
    };
}
