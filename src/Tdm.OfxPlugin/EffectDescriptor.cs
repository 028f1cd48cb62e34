using Tdm.OfxPlugin.Host;
using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin;

/// <summary>The Describe and DescribeInContext actions: what the effect is, its clips and its parameters.</summary>
internal static class EffectDescriptor
{
    /// <summary>
    /// The identifier hosts store in projects: never change it. Reverse-domain form as ofxCore.h asks.
    /// </summary>
    public static ReadOnlySpan<byte> Identifier => "org.tdm.restore\0"u8;

    public const string Label = "TDM Restore";

    /// <summary>
    /// Where hosts list the effect. Resolve groups OpenFX plugins by this string in its OpenFX library and Natron
    /// makes it a toolbar menu; "Filter" is where both put other repair filters (denoise, deband, grain), and the
    /// sub-group keeps our effect findable by name ("Filter/TDM" is a submenu in Natron, a category in Resolve).
    /// </summary>
    public const string Grouping = "Filter/TDM";

    public const uint VersionMajor = 1;
    public const uint VersionMinor = 0;

    /// <summary>
    /// kOfxActionDescribe: effect-wide properties. Only what the effect cannot work without is required (Set…): the
    /// contexts, the pixel depths, untiled whole frames and temporal access. The rest (labels, description, version,
    /// grouping, and values equal to the specification's defaults) is set best-effort (TrySet…): hosts that do not
    /// know a property refuse it, and the effect must still load there.
    /// </summary>
    public static void Describe(HostSuites suites, OfxImageEffectHandle effect)
    {
        var p = suites.EffectProperties(effect);
        p.SetString(OfxImageEffectNames.kOfxImageEffectPropSupportedContexts, OfxImageEffectNames.kOfxImageEffectContextFilter, 0);
        p.SetString(OfxImageEffectNames.kOfxImageEffectPropSupportedContexts, OfxImageEffectNames.kOfxImageEffectContextGeneral, 1);
        SetDepths(p, OfxImageEffectNames.kOfxImageEffectPropSupportedPixelDepths);
        // Diffusion sees the whole frame and its neighbours: no tiles, no host-split render windows.
        p.SetInt(OfxImageEffectNames.kOfxImageEffectPropSupportsTiles, 0);
        p.SetInt(OfxImageEffectNames.kOfxImageEffectPluginPropHostFrameThreading, 0);
        p.SetInt(OfxImageEffectNames.kOfxImageEffectPropTemporalClipAccess, 1);

        p.TrySetString(OfxCoreNames.kOfxPropLabel, Label);
        p.TrySetString(OfxCoreNames.kOfxPropShortLabel, "TDM");
        p.TrySetString(OfxCoreNames.kOfxPropLongLabel, "TDM Restore (temporally consistent diffusion)");
        if (p.TrySetInt(OfxCoreNames.kOfxPropVersion, (int)VersionMajor, 0))
            p.TrySetInt(OfxCoreNames.kOfxPropVersion, (int)VersionMinor, 1);
        p.TrySetString(OfxCoreNames.kOfxPropVersionLabel, $"{VersionMajor}.{VersionMinor}");
        p.TrySetString(OfxCoreNames.kOfxPropPluginDescription,
            "Restores video (noise, haze, rain, compression artifacts, low resolution) with Stable Diffusion 1.5, a restoration ControlNet and sliding-window cross-frame attention for temporal consistency.");
        p.TrySetString(OfxImageEffectNames.kOfxImageEffectPluginPropGrouping, Grouping);
        // The specification's defaults, stated for hosts that read them rather than assume them.
        p.TrySetInt(OfxImageEffectNames.kOfxImageEffectPropSupportsMultiResolution, 1);
        p.TrySetInt(OfxImageEffectNames.kOfxImageEffectPropSupportsMultipleClipDepths, 0);
        p.TrySetInt(OfxImageEffectNames.kOfxImageEffectPropSupportsMultipleClipPARs, 0);
        p.TrySetInt(OfxImageEffectNames.kOfxImageEffectPluginPropSingleInstance, 0);
        p.TrySetString(OfxImageEffectNames.kOfxImageEffectPluginRenderThreadSafety, OfxImageEffectNames.kOfxImageEffectRenderInstanceSafe);
        // kOfxImageEffectInstancePropSequentialRender stays at its default, 0: frames may be rendered in any order
        // and on several machines (the chunk grid makes them agree). Not set: not every host has it on descriptors.
    }

    /// <summary>
    /// kOfxImageEffectActionDescribeInContext: the Source and Output clips, every parameter and the page order. The
    /// page order belongs to the parameter set (ofxParam.h); hosts without it (HostSupport) get the declaration order,
    /// which is the same.
    /// </summary>
    public static void DescribeInContext(HostSuites suites, OfxImageEffectHandle effect)
    {
        var source = DefineClip(suites, effect, OfxImageEffectNames.kOfxImageEffectSimpleSourceClipName);
        source.SetInt(OfxImageEffectNames.kOfxImageEffectPropTemporalClipAccess, 1);
        source.TrySetInt(OfxImageEffectNames.kOfxImageClipPropOptional, 0);
        DefineClip(suites, effect, OfxImageEffectNames.kOfxImageEffectOutputClipName);

        var parameters = suites.EffectParams(effect);
        foreach (var d in EffectParams.All)
            parameters.Define(d);
        parameters.Properties.TrySetStrings(OfxParamNames.kOfxPluginPropParamPageOrder,
            [.. EffectParams.All.Where(d => d.Kind == ParamKind.Page).Select(d => d.Name)]);
    }

    private static unsafe PropertySet DefineClip(HostSuites suites, OfxImageEffectHandle effect, ReadOnlySpan<byte> name)
    {
        OfxPropertySetHandle handle;
        fixed (byte* n = name)
            HostSuites.Check(suites.ImageEffect->clipDefine(effect, n, &handle), "clipDefine", $"\"{Utf8.Decode(name)}\"");
        var clip = new PropertySet(suites, handle);
        clip.SetString(OfxImageEffectNames.kOfxImageEffectPropSupportedComponents, OfxImageEffectNames.kOfxImageComponentRGBA, 0);
        clip.SetString(OfxImageEffectNames.kOfxImageEffectPropSupportedComponents, OfxImageEffectNames.kOfxImageComponentRGB, 1);
        clip.SetInt(OfxImageEffectNames.kOfxImageEffectPropSupportsTiles, 0);
        return clip;
    }

    private static void SetDepths(PropertySet p, ReadOnlySpan<byte> name)
    {
        p.SetString(name, OfxCoreNames.kOfxBitDepthByte, 0);
        p.SetString(name, OfxCoreNames.kOfxBitDepthShort, 1);
        p.SetString(name, OfxCoreNames.kOfxBitDepthHalf, 2);
        p.SetString(name, OfxCoreNames.kOfxBitDepthFloat, 3);
    }
}
