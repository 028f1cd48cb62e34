namespace Tdm.OfxPlugin.Interop;

/// <summary>
/// String macros of ofxCore.h, ofxProperty.h, ofxMemory.h, ofxMultiThread.h, ofxMessage.h and ofxProgress.h that the plugin uses, as NUL-terminated UTF-8 (the trailing NUL is part of each span).
/// Values are copied from the header, never derived from the macro's name: several differ from it.
/// </summary>
internal static class OfxCoreNames
{
    public static ReadOnlySpan<byte> kOfxActionLoad => "OfxActionLoad\0"u8;
    public static ReadOnlySpan<byte> kOfxActionUnload => "OfxActionUnload\0"u8;
    public static ReadOnlySpan<byte> kOfxActionDescribe => "OfxActionDescribe\0"u8;
    public static ReadOnlySpan<byte> kOfxActionPurgeCaches => "OfxActionPurgeCaches\0"u8;
    public static ReadOnlySpan<byte> kOfxActionCreateInstance => "OfxActionCreateInstance\0"u8;
    public static ReadOnlySpan<byte> kOfxActionDestroyInstance => "OfxActionDestroyInstance\0"u8;
    public static ReadOnlySpan<byte> kOfxActionInstanceChanged => "OfxActionInstanceChanged\0"u8;
    public static ReadOnlySpan<byte> kOfxActionBeginInstanceChanged => "OfxActionBeginInstanceChanged\0"u8;
    public static ReadOnlySpan<byte> kOfxActionEndInstanceChanged => "OfxActionEndInstanceChanged\0"u8;
    public static ReadOnlySpan<byte> kOfxPropTime => "OfxPropTime\0"u8;
    public static ReadOnlySpan<byte> kOfxPropName => "OfxPropName\0"u8;
    public static ReadOnlySpan<byte> kOfxPropLabel => "OfxPropLabel\0"u8;
    public static ReadOnlySpan<byte> kOfxPropShortLabel => "OfxPropShortLabel\0"u8;
    public static ReadOnlySpan<byte> kOfxPropLongLabel => "OfxPropLongLabel\0"u8;
    public static ReadOnlySpan<byte> kOfxPropType => "OfxPropType\0"u8;
    public static ReadOnlySpan<byte> kOfxPropChangeReason => "OfxPropChangeReason\0"u8;
    public static ReadOnlySpan<byte> kOfxPropVersion => "OfxPropVersion\0"u8;
    public static ReadOnlySpan<byte> kOfxPropVersionLabel => "OfxPropVersionLabel\0"u8;
    public static ReadOnlySpan<byte> kOfxPropPluginDescription => "OfxPropPluginDescription\0"u8;
    public static ReadOnlySpan<byte> kOfxPropAPIVersion => "OfxPropAPIVersion\0"u8;
    public static ReadOnlySpan<byte> kOfxChangeUserEdited => "OfxChangeUserEdited\0"u8;
    public static ReadOnlySpan<byte> kOfxBitDepthNone => "OfxBitDepthNone\0"u8;
    public static ReadOnlySpan<byte> kOfxBitDepthByte => "OfxBitDepthByte\0"u8;
    public static ReadOnlySpan<byte> kOfxBitDepthShort => "OfxBitDepthShort\0"u8;
    public static ReadOnlySpan<byte> kOfxBitDepthHalf => "OfxBitDepthHalf\0"u8;
    public static ReadOnlySpan<byte> kOfxBitDepthFloat => "OfxBitDepthFloat\0"u8;
    public static ReadOnlySpan<byte> kOfxPropertySuite => "OfxPropertySuite\0"u8;
    public static ReadOnlySpan<byte> kOfxMemorySuite => "OfxMemorySuite\0"u8;
    public static ReadOnlySpan<byte> kOfxMultiThreadSuite => "OfxMultiThreadSuite\0"u8;
    public static ReadOnlySpan<byte> kOfxMessageSuite => "OfxMessageSuite\0"u8;
    public static ReadOnlySpan<byte> kOfxMessageError => "OfxMessageError\0"u8;
    public static ReadOnlySpan<byte> kOfxMessageWarning => "OfxMessageWarning\0"u8;
    public static ReadOnlySpan<byte> kOfxMessageMessage => "OfxMessageMessage\0"u8;
    public static ReadOnlySpan<byte> kOfxProgressSuite => "OfxProgressSuite\0"u8;
}
