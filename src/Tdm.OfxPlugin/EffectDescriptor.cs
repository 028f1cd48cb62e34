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

    /// <summary>kOfxActionDescribe: effect-wide properties.</summary>
    public static void Describe(HostSuites suites, OfxImageEffectHandle effect)
    {
        var p = suites.EffectProperties(effect);
        p.SetString(OfxCoreNames.kOfxPropLabel, Label);
        p.SetString(OfxCoreNames.kOfxPropShortLabel, "TDM");
        p.SetString(OfxCoreNames.kOfxPropLongLabel, "TDM Restore (temporally consistent diffusion)");
        p.SetInt(OfxCoreNames.kOfxPropVersion, (int)VersionMajor, 0);
        p.SetInt(OfxCoreNames.kOfxPropVersion, (int)VersionMinor, 1);
        p.SetString(OfxCoreNames.kOfxPropVersionLabel, $"{VersionMajor}.{VersionMinor}");
        p.SetString(OfxCoreNames.kOfxPropPluginDescription,
            "Restores video (noise, haze, rain, compression artifacts, low resolution) with Stable Diffusion 1.5, a restoration ControlNet and sliding-window cross-frame attention for temporal consistency.");
        p.SetString(OfxImageEffectNames.kOfxImageEffectPluginPropGrouping, Grouping);
        p.SetString(OfxImageEffectNames.kOfxImageEffectPropSupportedContexts, OfxImageEffectNames.kOfxImageEffectContextFilter, 0);
        p.SetString(OfxImageEffectNames.kOfxImageEffectPropSupportedContexts, OfxImageEffectNames.kOfxImageEffectContextGeneral, 1);
        SetDepths(p, OfxImageEffectNames.kOfxImageEffectPropSupportedPixelDepths);
        p.SetInt(OfxImageEffectNames.kOfxImageEffectPropSupportsMultiResolution, 1);
        p.SetInt(OfxImageEffectNames.kOfxImageEffectPropSupportsTiles, 0);
        p.SetInt(OfxImageEffectNames.kOfxImageEffectPropTemporalClipAccess, 1);
        p.SetInt(OfxImageEffectNames.kOfxImageEffectPropSupportsMultipleClipDepths, 0);
        p.SetInt(OfxImageEffectNames.kOfxImageEffectPropSupportsMultipleClipPARs, 0);
        p.SetInt(OfxImageEffectNames.kOfxImageEffectPluginPropSingleInstance, 0);
        p.SetInt(OfxImageEffectNames.kOfxImageEffectPluginPropHostFrameThreading, 0);
        p.SetString(OfxImageEffectNames.kOfxImageEffectPluginRenderThreadSafety, OfxImageEffectNames.kOfxImageEffectRenderInstanceSafe);
        // kOfxImageEffectInstancePropSequentialRender stays at its default, 0: frames may be rendered in any order
        // and on several machines (the chunk grid makes them agree). Not set: strict hosts know it only on instances.
    }

    /// <summary>kOfxImageEffectActionDescribeInContext: the Source and Output clips and every parameter.</summary>
    public static void DescribeInContext(HostSuites suites, OfxImageEffectHandle effect)
    {
        var source = DefineClip(suites, effect, OfxImageEffectNames.kOfxImageEffectSimpleSourceClipName);
        source.SetInt(OfxImageEffectNames.kOfxImageEffectPropTemporalClipAccess, 1);
        source.SetInt(OfxImageEffectNames.kOfxImageClipPropOptional, 0);
        DefineClip(suites, effect, OfxImageEffectNames.kOfxImageEffectOutputClipName);

        var parameters = suites.EffectParams(effect);
        foreach (var d in EffectParams.All)
            parameters.Define(d);

        var p = suites.EffectProperties(effect);
        var pages = EffectParams.All.Where(d => d.Kind == ParamKind.Page).ToArray();
        for (var i = 0; i < pages.Length; i++)
            p.SetString(OfxParamNames.kOfxPluginPropParamPageOrder, pages[i].Name, i);
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
