using Tdm.OfxPlugin.Host;
using Tdm.OfxPlugin.Interop;
using Tdm.OfxPlugin.Restoration;

namespace Tdm.OfxPlugin;

/// <summary>
/// The image-effect actions after Load: one method per action, dispatched by name. Exceptions propagate to the
/// firewall in <see cref="PluginExports"/>, which turns them into a status and a message.
/// </summary>
internal sealed unsafe partial class EffectActions(HostSuites suites, InstanceTable instances, IRestoreService restorer)
{
    /// <summary>Runs <paramref name="action"/>; unknown actions get kOfxStatReplyDefault (the host's default).</summary>
    public int Dispatch(byte* action, nint handle, OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs)
    {
        var effect = new OfxImageEffectHandle(handle);
        if (Utf8.Equals(action, OfxImageEffectNames.kOfxImageEffectActionRender))
            return Render(instances.Get(effect), new PropertySet(suites, inArgs));
        if (Utf8.Equals(action, OfxImageEffectNames.kOfxImageEffectActionGetFramesNeeded))
            return GetFramesNeeded(instances.Get(effect), new PropertySet(suites, inArgs), new PropertySet(suites, outArgs));
        if (Utf8.Equals(action, OfxImageEffectNames.kOfxImageEffectActionGetRegionOfDefinition))
            return GetRegionOfDefinition(instances.Get(effect), new PropertySet(suites, inArgs), new PropertySet(suites, outArgs));
        if (Utf8.Equals(action, OfxImageEffectNames.kOfxImageEffectActionGetRegionsOfInterest))
            return GetRegionsOfInterest(instances.Get(effect), new PropertySet(suites, inArgs), new PropertySet(suites, outArgs));
        if (Utf8.Equals(action, OfxImageEffectNames.kOfxImageEffectActionIsIdentity))
            return OfxStatus.kOfxStatReplyDefault; // a restoration always changes pixels
        if (Utf8.Equals(action, OfxImageEffectNames.kOfxImageEffectActionBeginSequenceRender)
            || Utf8.Equals(action, OfxImageEffectNames.kOfxImageEffectActionEndSequenceRender))
            return OfxStatus.kOfxStatOK; // chunks are cached by content, nothing to set up per sequence
        if (Utf8.Equals(action, OfxImageEffectNames.kOfxImageEffectActionGetClipPreferences))
            return OfxStatus.kOfxStatReplyDefault; // the output follows the source's depth and components
        if (Utf8.Equals(action, OfxCoreNames.kOfxActionInstanceChanged))
            return InstanceChanged(instances.Get(effect), new PropertySet(suites, inArgs));
        if (Utf8.Equals(action, OfxCoreNames.kOfxActionCreateInstance))
        {
            instances.Add(new EffectInstance(suites, effect));
            return OfxStatus.kOfxStatOK;
        }
        if (Utf8.Equals(action, OfxCoreNames.kOfxActionDestroyInstance))
        {
            instances.Remove(effect);
            return OfxStatus.kOfxStatOK;
        }
        if (Utf8.Equals(action, OfxCoreNames.kOfxActionPurgeCaches))
        {
            restorer.ClearCache();
            return OfxStatus.kOfxStatOK;
        }
        if (Utf8.Equals(action, OfxCoreNames.kOfxActionDescribe))
        {
            EffectDescriptor.Describe(suites, effect);
            return OfxStatus.kOfxStatOK;
        }
        if (Utf8.Equals(action, OfxImageEffectNames.kOfxImageEffectActionDescribeInContext))
        {
            EffectDescriptor.DescribeInContext(suites, effect);
            return OfxStatus.kOfxStatOK;
        }
        return OfxStatus.kOfxStatReplyDefault;
    }

    /// <summary>GetFramesNeeded: the context range of the chunk that owns the frame, in the Source clip's times.</summary>
    private int GetFramesNeeded(EffectInstance instance, PropertySet inArgs, PropertySet outArgs)
    {
        var time = inArgs.GetDouble(OfxCoreNames.kOfxPropTime);
        var (first, length) = instance.SourceFrames();
        var index = EffectInstance.FrameIndex(time, first, length);
        var (a, b) = restorer.ContextOf(length, index, EffectSettings.Settings(instance.Params, time));
        outArgs.SetDoubles(Utf8.Concat(OfxImageEffectNames.OfxImageClipPropFrameRange_, OfxImageEffectNames.kOfxImageEffectSimpleSourceClipName),
            [first + a, first + b]);
        return OfxStatus.kOfxStatOK;
    }

    /// <summary>GetRegionOfDefinition: the Source's region times the output scale (automatic: 2 for super-resolution).</summary>
    private int GetRegionOfDefinition(EffectInstance instance, PropertySet inArgs, PropertySet outArgs)
    {
        var time = inArgs.GetDouble(OfxCoreNames.kOfxPropTime);
        var scale = EffectSettings.Settings(instance.Params, time).EffectiveScale;
        if (scale == 1)
            return OfxStatus.kOfxStatReplyDefault;
        var rod = instance.Source.RegionOfDefinition(time);
        outArgs.SetDoubles(OfxImageEffectNames.kOfxImageEffectPropRegionOfDefinition,
            [rod.x1 * scale, rod.y1 * scale, rod.x2 * scale, rod.y2 * scale]);
        return OfxStatus.kOfxStatOK;
    }

    /// <summary>GetRegionsOfInterest: the whole Source frame, whatever the window (diffusion sees the whole frame).</summary>
    private int GetRegionsOfInterest(EffectInstance instance, PropertySet inArgs, PropertySet outArgs)
    {
        var time = inArgs.GetDouble(OfxCoreNames.kOfxPropTime);
        var rod = instance.Source.RegionOfDefinition(time);
        outArgs.SetDoubles(Utf8.Concat(OfxImageEffectNames.OfxImageClipPropRoI_, OfxImageEffectNames.kOfxImageEffectSimpleSourceClipName),
            [rod.x1, rod.y1, rod.x2, rod.y2]);
        return OfxStatus.kOfxStatOK;
    }

    /// <summary>InstanceChanged: the Clear cache button; a new model, ControlNet or device clears the error state.</summary>
    private int InstanceChanged(EffectInstance instance, PropertySet inArgs)
    {
        if (!Utf8.Equals(inArgs.GetStringPointer(OfxCoreNames.kOfxPropType), OfxParamNames.kOfxTypeParameter))
            return OfxStatus.kOfxStatReplyDefault;
        var name = inArgs.GetString(OfxCoreNames.kOfxPropName);
        switch (name)
        {
            case EffectParams.ClearCache:
                restorer.ClearCache();
                return OfxStatus.kOfxStatOK;
            case EffectParams.ModelFolder or EffectParams.ControlNet or EffectParams.Device:
                HostMessages.ClearPersistent(suites, instance.Handle.Value);
                return OfxStatus.kOfxStatOK;
            default:
                return OfxStatus.kOfxStatReplyDefault;
        }
    }
}
