using Tdm.Engine;
using Tdm.Engine.Options;
using Tdm.OfxPlugin.Host;
using Tdm.OfxPlugin.Restoration;

namespace Tdm.OfxPlugin;

/// <summary>Reads an instance's parameters into the engine's settings, option by option from <see cref="MethodOptions"/>.</summary>
internal static class EffectSettings
{
    /// <summary>
    /// Everything a render needs at <paramref name="time"/>: the model, the device and the settings. Throws
    /// TdmException(Model) when no model folder is set or it does not exist.
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
        return new RestoreRequest(
            new ModelPaths(model, controlNet.Length == 0 ? null : controlNet),
            (DeviceKind)p.Get(EffectParams.Device).GetInt(time),
            Settings(p, time, renderScale).Validate());
    }

    /// <summary>
    /// The method options' values at <paramref name="time"/>, each within its range (<see cref="Read"/> also checks
    /// the whole, e.g. that the custom task has a prompt). <paramref name="renderScale"/> (0..1] scales a draft
    /// processing short side, rounded to a multiple of 64 (at least 64), so that proxies and scrubbing restore at
    /// the scaled size; at full resolution the host's smaller buffers do that already. Needs no model: GetFramesNeeded and GetRegionOfDefinition answer before one is chosen.
    /// </summary>
    public static RestoreSettings Settings(ParamSet p, double time, double renderScale = 1.0)
    {
        var settings = new RestoreSettings();
        foreach (var option in MethodOptions.All)
            settings = option.ApplyTo(settings, Value(p.Get(option.ScriptName), option, time));
        // At full resolution the host's render scale already means fewer pixels; a draft short side scales with it.
        if (settings.ShortSide is not { } side)
            return settings;
        var shortSide = side * Math.Clamp(renderScale, 0.0, 1.0);
        return settings with { ShortSide = Math.Max(64, (int)Math.Round(shortSide / 64.0) * 64) };
    }

    // A host value in the option's terms; the inverse of EffectParams' mapping (-1 or the extra last choice: automatic).
    private static object? Value(Param param, MethodOption option, double time)
    {
        switch (option.Kind)
        {
            case OptionKind.Integer:
                int i = param.GetInt(time);
                return option.IsOptional && i == EffectParams.Automatic ? null : i;
            case OptionKind.Number:
                return param.GetDouble(time);
            case OptionKind.Choice:
                int index = param.GetInt(time);
                if (option.IsOptional && index == option.Choices.Count)
                    return null;
                return option.Choices[Math.Clamp(index, 0, option.Choices.Count - 1)].Value;
            case OptionKind.Flag:
                return param.GetInt(time) != 0;
            default:
                return param.GetString(time);
        }
    }
}
