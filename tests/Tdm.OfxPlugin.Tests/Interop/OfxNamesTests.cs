using System.Text;
using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Tests.Interop;

/// <summary>
/// Every OpenFX string the plugin uses, with the value copied from the OpenFX headers. Several values differ from
/// their macro's name (kOfxImageEffectPluginApi, kOfxImagePreMultiplied, kOfxImageEffectPropSupportsMultipleClipDepths):
/// a typo here would make a host silently ignore a property.
/// </summary>
public class OfxNamesTests
{
    private delegate ReadOnlySpan<byte> Name();

    private static readonly (string Macro, Name Get, string Value)[] s_names =
    [
        ("kOfxActionLoad", () => OfxCoreNames.kOfxActionLoad, "OfxActionLoad"),
        ("kOfxActionUnload", () => OfxCoreNames.kOfxActionUnload, "OfxActionUnload"),
        ("kOfxActionDescribe", () => OfxCoreNames.kOfxActionDescribe, "OfxActionDescribe"),
        ("kOfxActionPurgeCaches", () => OfxCoreNames.kOfxActionPurgeCaches, "OfxActionPurgeCaches"),
        ("kOfxActionCreateInstance", () => OfxCoreNames.kOfxActionCreateInstance, "OfxActionCreateInstance"),
        ("kOfxActionDestroyInstance", () => OfxCoreNames.kOfxActionDestroyInstance, "OfxActionDestroyInstance"),
        ("kOfxActionInstanceChanged", () => OfxCoreNames.kOfxActionInstanceChanged, "OfxActionInstanceChanged"),
        ("kOfxPropTime", () => OfxCoreNames.kOfxPropTime, "OfxPropTime"),
        ("kOfxPropName", () => OfxCoreNames.kOfxPropName, "OfxPropName"),
        ("kOfxPropLabel", () => OfxCoreNames.kOfxPropLabel, "OfxPropLabel"),
        ("kOfxPropShortLabel", () => OfxCoreNames.kOfxPropShortLabel, "OfxPropShortLabel"),
        ("kOfxPropLongLabel", () => OfxCoreNames.kOfxPropLongLabel, "OfxPropLongLabel"),
        ("kOfxPropType", () => OfxCoreNames.kOfxPropType, "OfxPropType"),
        ("kOfxPropVersionLabel", () => OfxCoreNames.kOfxPropVersionLabel, "OfxPropVersionLabel"),
        ("kOfxPropPluginDescription", () => OfxCoreNames.kOfxPropPluginDescription, "OfxPropPluginDescription"),
        ("kOfxBitDepthByte", () => OfxCoreNames.kOfxBitDepthByte, "OfxBitDepthByte"),
        ("kOfxBitDepthShort", () => OfxCoreNames.kOfxBitDepthShort, "OfxBitDepthShort"),
        ("kOfxBitDepthHalf", () => OfxCoreNames.kOfxBitDepthHalf, "OfxBitDepthHalf"),
        ("kOfxBitDepthFloat", () => OfxCoreNames.kOfxBitDepthFloat, "OfxBitDepthFloat"),
        ("kOfxPropertySuite", () => OfxCoreNames.kOfxPropertySuite, "OfxPropertySuite"),
        ("kOfxMemorySuite", () => OfxCoreNames.kOfxMemorySuite, "OfxMemorySuite"),
        ("kOfxMultiThreadSuite", () => OfxCoreNames.kOfxMultiThreadSuite, "OfxMultiThreadSuite"),
        ("kOfxMessageSuite", () => OfxCoreNames.kOfxMessageSuite, "OfxMessageSuite"),
        ("kOfxMessageError", () => OfxCoreNames.kOfxMessageError, "OfxMessageError"),
        ("kOfxMessageWarning", () => OfxCoreNames.kOfxMessageWarning, "OfxMessageWarning"),
        ("kOfxProgressSuite", () => OfxCoreNames.kOfxProgressSuite, "OfxProgressSuite"),
        ("kOfxImageEffectPluginApi", () => OfxImageEffectNames.kOfxImageEffectPluginApi, "OfxImageEffectPluginAPI"),
        ("kOfxImageEffectSuite", () => OfxImageEffectNames.kOfxImageEffectSuite, "OfxImageEffectSuite"),
        ("kOfxImageEffectActionGetRegionOfDefinition", () => OfxImageEffectNames.kOfxImageEffectActionGetRegionOfDefinition, "OfxImageEffectActionGetRegionOfDefinition"),
        ("kOfxImageEffectActionGetRegionsOfInterest", () => OfxImageEffectNames.kOfxImageEffectActionGetRegionsOfInterest, "OfxImageEffectActionGetRegionsOfInterest"),
        ("kOfxImageEffectActionGetFramesNeeded", () => OfxImageEffectNames.kOfxImageEffectActionGetFramesNeeded, "OfxImageEffectActionGetFramesNeeded"),
        ("kOfxImageEffectActionGetClipPreferences", () => OfxImageEffectNames.kOfxImageEffectActionGetClipPreferences, "OfxImageEffectActionGetClipPreferences"),
        ("kOfxImageEffectActionIsIdentity", () => OfxImageEffectNames.kOfxImageEffectActionIsIdentity, "OfxImageEffectActionIsIdentity"),
        ("kOfxImageEffectActionRender", () => OfxImageEffectNames.kOfxImageEffectActionRender, "OfxImageEffectActionRender"),
        ("kOfxImageEffectActionBeginSequenceRender", () => OfxImageEffectNames.kOfxImageEffectActionBeginSequenceRender, "OfxImageEffectActionBeginSequenceRender"),
        ("kOfxImageEffectActionEndSequenceRender", () => OfxImageEffectNames.kOfxImageEffectActionEndSequenceRender, "OfxImageEffectActionEndSequenceRender"),
        ("kOfxImageEffectActionDescribeInContext", () => OfxImageEffectNames.kOfxImageEffectActionDescribeInContext, "OfxImageEffectActionDescribeInContext"),
        ("kOfxImageEffectContextFilter", () => OfxImageEffectNames.kOfxImageEffectContextFilter, "OfxImageEffectContextFilter"),
        ("kOfxImageEffectContextGeneral", () => OfxImageEffectNames.kOfxImageEffectContextGeneral, "OfxImageEffectContextGeneral"),
        ("kOfxImageComponentRGBA", () => OfxImageEffectNames.kOfxImageComponentRGBA, "OfxImageComponentRGBA"),
        ("kOfxImageComponentRGB", () => OfxImageEffectNames.kOfxImageComponentRGB, "OfxImageComponentRGB"),
        ("kOfxImageEffectPropSupportedContexts", () => OfxImageEffectNames.kOfxImageEffectPropSupportedContexts, "OfxImageEffectPropSupportedContexts"),
        ("kOfxImageEffectPluginPropGrouping", () => OfxImageEffectNames.kOfxImageEffectPluginPropGrouping, "OfxImageEffectPluginPropGrouping"),
        ("kOfxImageEffectPluginRenderThreadSafety", () => OfxImageEffectNames.kOfxImageEffectPluginRenderThreadSafety, "OfxImageEffectPluginRenderThreadSafety"),
        ("kOfxImageEffectRenderInstanceSafe", () => OfxImageEffectNames.kOfxImageEffectRenderInstanceSafe, "OfxImageEffectRenderInstanceSafe"),
        ("kOfxImageEffectPluginPropHostFrameThreading", () => OfxImageEffectNames.kOfxImageEffectPluginPropHostFrameThreading, "OfxImageEffectPluginPropHostFrameThreading"),
        ("kOfxImageEffectPluginPropSingleInstance", () => OfxImageEffectNames.kOfxImageEffectPluginPropSingleInstance, "OfxImageEffectPluginPropSingleInstance"),
        ("kOfxImageEffectPropSupportsMultipleClipDepths", () => OfxImageEffectNames.kOfxImageEffectPropSupportsMultipleClipDepths, "OfxImageEffectPropMultipleClipDepths"),
        ("kOfxImageEffectPropSupportsMultipleClipPARs", () => OfxImageEffectNames.kOfxImageEffectPropSupportsMultipleClipPARs, "OfxImageEffectPropSupportsMultipleClipPARs"),
        ("kOfxImageEffectPropSupportsMultiResolution", () => OfxImageEffectNames.kOfxImageEffectPropSupportsMultiResolution, "OfxImageEffectPropSupportsMultiResolution"),
        ("kOfxImageEffectPropSupportsTiles", () => OfxImageEffectNames.kOfxImageEffectPropSupportsTiles, "OfxImageEffectPropSupportsTiles"),
        ("kOfxImageEffectPropTemporalClipAccess", () => OfxImageEffectNames.kOfxImageEffectPropTemporalClipAccess, "OfxImageEffectPropTemporalClipAccess"),
        ("kOfxImageEffectInstancePropSequentialRender", () => OfxImageEffectNames.kOfxImageEffectInstancePropSequentialRender, "OfxImageEffectInstancePropSequentialRender"),
        ("kOfxImageEffectPropSupportedPixelDepths", () => OfxImageEffectNames.kOfxImageEffectPropSupportedPixelDepths, "OfxImageEffectPropSupportedPixelDepths"),
        ("kOfxImageEffectPropSupportedComponents", () => OfxImageEffectNames.kOfxImageEffectPropSupportedComponents, "OfxImageEffectPropSupportedComponents"),
        ("kOfxImageEffectPropPixelDepth", () => OfxImageEffectNames.kOfxImageEffectPropPixelDepth, "OfxImageEffectPropPixelDepth"),
        ("kOfxImageEffectPropComponents", () => OfxImageEffectNames.kOfxImageEffectPropComponents, "OfxImageEffectPropComponents"),
        ("kOfxImagePreMultiplied", () => OfxImageEffectNames.kOfxImagePreMultiplied, "OfxImageAlphaPremultiplied"),
        ("kOfxImageClipPropOptional", () => OfxImageEffectNames.kOfxImageClipPropOptional, "OfxImageClipPropOptional"),
        ("kOfxImageClipPropConnected", () => OfxImageEffectNames.kOfxImageClipPropConnected, "OfxImageClipPropConnected"),
        ("kOfxImageEffectPropFrameRange", () => OfxImageEffectNames.kOfxImageEffectPropFrameRange, "OfxImageEffectPropFrameRange"),
        ("kOfxImageEffectPropRenderScale", () => OfxImageEffectNames.kOfxImageEffectPropRenderScale, "OfxImageEffectPropRenderScale"),
        ("kOfxImageEffectPropRenderWindow", () => OfxImageEffectNames.kOfxImageEffectPropRenderWindow, "OfxImageEffectPropRenderWindow"),
        ("kOfxImageEffectPropRegionOfDefinition", () => OfxImageEffectNames.kOfxImageEffectPropRegionOfDefinition, "OfxImageEffectPropRegionOfDefinition"),
        ("kOfxImageEffectPropThumbnailRender", () => OfxImageEffectNames.kOfxImageEffectPropThumbnailRender, "OfxImageEffectPropThumbnailRender"),
        ("kOfxImagePropData", () => OfxImageEffectNames.kOfxImagePropData, "OfxImagePropData"),
        ("kOfxImagePropBounds", () => OfxImageEffectNames.kOfxImagePropBounds, "OfxImagePropBounds"),
        ("kOfxImagePropRowBytes", () => OfxImageEffectNames.kOfxImagePropRowBytes, "OfxImagePropRowBytes"),
        ("kOfxImageEffectOutputClipName", () => OfxImageEffectNames.kOfxImageEffectOutputClipName, "Output"),
        ("kOfxImageEffectSimpleSourceClipName", () => OfxImageEffectNames.kOfxImageEffectSimpleSourceClipName, "Source"),
        ("kOfxParameterSuite", () => OfxParamNames.kOfxParameterSuite, "OfxParameterSuite"),
        ("kOfxTypeParameter", () => OfxParamNames.kOfxTypeParameter, "OfxTypeParameter"),
        ("kOfxParamTypeInteger", () => OfxParamNames.kOfxParamTypeInteger, "OfxParamTypeInteger"),
        ("kOfxParamTypeDouble", () => OfxParamNames.kOfxParamTypeDouble, "OfxParamTypeDouble"),
        ("kOfxParamTypeBoolean", () => OfxParamNames.kOfxParamTypeBoolean, "OfxParamTypeBoolean"),
        ("kOfxParamTypeChoice", () => OfxParamNames.kOfxParamTypeChoice, "OfxParamTypeChoice"),
        ("kOfxParamTypeString", () => OfxParamNames.kOfxParamTypeString, "OfxParamTypeString"),
        ("kOfxParamTypeGroup", () => OfxParamNames.kOfxParamTypeGroup, "OfxParamTypeGroup"),
        ("kOfxParamTypePage", () => OfxParamNames.kOfxParamTypePage, "OfxParamTypePage"),
        ("kOfxParamTypePushButton", () => OfxParamNames.kOfxParamTypePushButton, "OfxParamTypePushButton"),
        ("kOfxParamPropHint", () => OfxParamNames.kOfxParamPropHint, "OfxParamPropHint"),
        ("kOfxParamPropDefault", () => OfxParamNames.kOfxParamPropDefault, "OfxParamPropDefault"),
        ("kOfxParamPropMin", () => OfxParamNames.kOfxParamPropMin, "OfxParamPropMin"),
        ("kOfxParamPropMax", () => OfxParamNames.kOfxParamPropMax, "OfxParamPropMax"),
        ("kOfxParamPropDisplayMin", () => OfxParamNames.kOfxParamPropDisplayMin, "OfxParamPropDisplayMin"),
        ("kOfxParamPropDisplayMax", () => OfxParamNames.kOfxParamPropDisplayMax, "OfxParamPropDisplayMax"),
        ("kOfxParamPropIncrement", () => OfxParamNames.kOfxParamPropIncrement, "OfxParamPropIncrement"),
        ("kOfxParamPropDigits", () => OfxParamNames.kOfxParamPropDigits, "OfxParamPropDigits"),
        ("kOfxParamPropParent", () => OfxParamNames.kOfxParamPropParent, "OfxParamPropParent"),
        ("kOfxParamPropPageChild", () => OfxParamNames.kOfxParamPropPageChild, "OfxParamPropPageChild"),
        ("kOfxParamPropChoiceOption", () => OfxParamNames.kOfxParamPropChoiceOption, "OfxParamPropChoiceOption"),
        ("kOfxParamPropStringMode", () => OfxParamNames.kOfxParamPropStringMode, "OfxParamPropStringMode"),
        ("kOfxParamStringIsSingleLine", () => OfxParamNames.kOfxParamStringIsSingleLine, "OfxParamStringIsSingleLine"),
        ("kOfxParamStringIsFilePath", () => OfxParamNames.kOfxParamStringIsFilePath, "OfxParamStringIsFilePath"),
        ("kOfxParamStringIsDirectoryPath", () => OfxParamNames.kOfxParamStringIsDirectoryPath, "OfxParamStringIsDirectoryPath"),
        ("kOfxParamPropStringFilePathExists", () => OfxParamNames.kOfxParamPropStringFilePathExists, "OfxParamPropStringFilePathExists"),
        ("kOfxParamPropAnimates", () => OfxParamNames.kOfxParamPropAnimates, "OfxParamPropAnimates"),
        ("kOfxParamPropScriptName", () => OfxParamNames.kOfxParamPropScriptName, "OfxParamPropScriptName"),
        ("kOfxParamPropDoubleType", () => OfxParamNames.kOfxParamPropDoubleType, "OfxParamPropDoubleType"),
        ("kOfxParamDoubleTypePlain", () => OfxParamNames.kOfxParamDoubleTypePlain, "OfxParamDoubleTypePlain"),
        ("kOfxPluginPropParamPageOrder", () => OfxParamNames.kOfxPluginPropParamPageOrder, "OfxPluginPropParamPageOrder"),
    ];

    public static TheoryData<string> Macros => [.. s_names.Select(n => n.Macro)];

    [Theory]
    [MemberData(nameof(Macros))]
    public void Name_AsDeclared_EqualsHeaderValueAndEndsWithNul(string macro)
    {
        var (_, get, value) = s_names.Single(n => n.Macro == macro);
        var bytes = get();
        Assert.True(bytes.Length > 0 && bytes[^1] == 0, $"{macro} must end with a NUL for the C side");
        Assert.Equal(value, Encoding.UTF8.GetString(bytes[..^1]));
        Assert.DoesNotContain((byte)0, bytes[..^1].ToArray());
    }

    [Fact]
    public void ClipArgumentPrefixes_AsDeclared_AreNotTerminated()
    {
        Assert.Equal("OfxImageClipPropFrameRange_", Encoding.UTF8.GetString(OfxImageEffectNames.OfxImageClipPropFrameRange_));
        Assert.Equal("OfxImageClipPropRoI_", Encoding.UTF8.GetString(OfxImageEffectNames.OfxImageClipPropRoI_));
        Assert.Equal("OfxImageClipPropComponents_", Encoding.UTF8.GetString(OfxImageEffectNames.OfxImageClipPropComponents_));
        Assert.Equal("OfxImageClipPropDepth_", Encoding.UTF8.GetString(OfxImageEffectNames.OfxImageClipPropDepth_));
    }
}
