namespace Tdm.OfxPlugin.Interop;

/// <summary>
/// String macros of ofxImageEffect.h that the plugin uses, as NUL-terminated UTF-8 (the trailing NUL is part of each span).
/// Values are copied from the header, never derived from the macro's name: several differ from it.
/// </summary>
internal static class OfxImageEffectNames
{
    public static ReadOnlySpan<byte> kOfxImageEffectPluginApi => "OfxImageEffectPluginAPI\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectSuite => "OfxImageEffectSuite\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectActionGetRegionOfDefinition => "OfxImageEffectActionGetRegionOfDefinition\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectActionGetRegionsOfInterest => "OfxImageEffectActionGetRegionsOfInterest\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectActionGetFramesNeeded => "OfxImageEffectActionGetFramesNeeded\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectActionGetClipPreferences => "OfxImageEffectActionGetClipPreferences\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectActionIsIdentity => "OfxImageEffectActionIsIdentity\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectActionRender => "OfxImageEffectActionRender\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectActionBeginSequenceRender => "OfxImageEffectActionBeginSequenceRender\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectActionEndSequenceRender => "OfxImageEffectActionEndSequenceRender\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectActionDescribeInContext => "OfxImageEffectActionDescribeInContext\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectContextFilter => "OfxImageEffectContextFilter\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectContextGeneral => "OfxImageEffectContextGeneral\0"u8;
    public static ReadOnlySpan<byte> kOfxImageComponentRGBA => "OfxImageComponentRGBA\0"u8;
    public static ReadOnlySpan<byte> kOfxImageComponentRGB => "OfxImageComponentRGB\0"u8;
    public static ReadOnlySpan<byte> kOfxImageComponentAlpha => "OfxImageComponentAlpha\0"u8;
    public static ReadOnlySpan<byte> kOfxImageComponentNone => "OfxImageComponentNone\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropSupportedContexts => "OfxImageEffectPropSupportedContexts\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPluginPropGrouping => "OfxImageEffectPluginPropGrouping\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPluginRenderThreadSafety => "OfxImageEffectPluginRenderThreadSafety\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectRenderInstanceSafe => "OfxImageEffectRenderInstanceSafe\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPluginPropHostFrameThreading => "OfxImageEffectPluginPropHostFrameThreading\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPluginPropSingleInstance => "OfxImageEffectPluginPropSingleInstance\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropSupportsMultipleClipDepths => "OfxImageEffectPropMultipleClipDepths\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropSupportsMultipleClipPARs => "OfxImageEffectPropSupportsMultipleClipPARs\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropSupportsMultiResolution => "OfxImageEffectPropSupportsMultiResolution\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropSupportsTiles => "OfxImageEffectPropSupportsTiles\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropTemporalClipAccess => "OfxImageEffectPropTemporalClipAccess\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectInstancePropSequentialRender => "OfxImageEffectInstancePropSequentialRender\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropSupportedPixelDepths => "OfxImageEffectPropSupportedPixelDepths\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropSupportedComponents => "OfxImageEffectPropSupportedComponents\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropContext => "OfxImageEffectPropContext\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropPixelDepth => "OfxImageEffectPropPixelDepth\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropComponents => "OfxImageEffectPropComponents\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropPreMultiplication => "OfxImageEffectPropPreMultiplication\0"u8;
    public static ReadOnlySpan<byte> kOfxImagePreMultiplied => "OfxImageAlphaPremultiplied\0"u8;
    public static ReadOnlySpan<byte> kOfxImageClipPropOptional => "OfxImageClipPropOptional\0"u8;
    public static ReadOnlySpan<byte> kOfxImageClipPropConnected => "OfxImageClipPropConnected\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropFrameRange => "OfxImageEffectPropFrameRange\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropRenderScale => "OfxImageEffectPropRenderScale\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropRenderWindow => "OfxImageEffectPropRenderWindow\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropRegionOfDefinition => "OfxImageEffectPropRegionOfDefinition\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectPropThumbnailRender => "OfxImageEffectPropThumbnailRender\0"u8;
    public static ReadOnlySpan<byte> kOfxImagePropData => "OfxImagePropData\0"u8;
    public static ReadOnlySpan<byte> kOfxImagePropBounds => "OfxImagePropBounds\0"u8;
    public static ReadOnlySpan<byte> kOfxImagePropRowBytes => "OfxImagePropRowBytes\0"u8;
    public static ReadOnlySpan<byte> kOfxImagePropPixelAspectRatio => "OfxImagePropPixelAspectRatio\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectOutputClipName => "Output\0"u8;
    public static ReadOnlySpan<byte> kOfxImageEffectSimpleSourceClipName => "Source\0"u8;

    // Per-clip argument names are a prefix with the clip's name appended (ofxImageEffect.h, actions' docs).

    /// <summary>GetFramesNeeded outArgs prefix: "OfxImageClipPropFrameRange_" + clip name.</summary>
    public static ReadOnlySpan<byte> OfxImageClipPropFrameRange_ => "OfxImageClipPropFrameRange_"u8;

    /// <summary>GetRegionsOfInterest outArgs prefix: "OfxImageClipPropRoI_" + clip name.</summary>
    public static ReadOnlySpan<byte> OfxImageClipPropRoI_ => "OfxImageClipPropRoI_"u8;

    /// <summary>GetClipPreferences outArgs prefix: "OfxImageClipPropComponents_" + clip name.</summary>
    public static ReadOnlySpan<byte> OfxImageClipPropComponents_ => "OfxImageClipPropComponents_"u8;

    /// <summary>GetClipPreferences outArgs prefix: "OfxImageClipPropDepth_" + clip name.</summary>
    public static ReadOnlySpan<byte> OfxImageClipPropDepth_ => "OfxImageClipPropDepth_"u8;
}
