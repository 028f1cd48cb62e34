namespace Tdm.OfxPlugin.Interop;

/// <summary>
/// String macros of ofxParam.h that the plugin uses, as NUL-terminated UTF-8 (the trailing NUL is part of each span).
/// Values are copied from the header, never derived from the macro's name: several differ from it.
/// </summary>
internal static class OfxParamNames
{
    public static ReadOnlySpan<byte> kOfxParameterSuite => "OfxParameterSuite\0"u8;
    public static ReadOnlySpan<byte> kOfxTypeParameter => "OfxTypeParameter\0"u8;
    public static ReadOnlySpan<byte> kOfxParamTypeInteger => "OfxParamTypeInteger\0"u8;
    public static ReadOnlySpan<byte> kOfxParamTypeDouble => "OfxParamTypeDouble\0"u8;
    public static ReadOnlySpan<byte> kOfxParamTypeBoolean => "OfxParamTypeBoolean\0"u8;
    public static ReadOnlySpan<byte> kOfxParamTypeChoice => "OfxParamTypeChoice\0"u8;
    public static ReadOnlySpan<byte> kOfxParamTypeString => "OfxParamTypeString\0"u8;
    public static ReadOnlySpan<byte> kOfxParamTypeGroup => "OfxParamTypeGroup\0"u8;
    public static ReadOnlySpan<byte> kOfxParamTypePage => "OfxParamTypePage\0"u8;
    public static ReadOnlySpan<byte> kOfxParamTypePushButton => "OfxParamTypePushButton\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropHint => "OfxParamPropHint\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropDefault => "OfxParamPropDefault\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropMin => "OfxParamPropMin\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropMax => "OfxParamPropMax\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropDisplayMin => "OfxParamPropDisplayMin\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropDisplayMax => "OfxParamPropDisplayMax\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropIncrement => "OfxParamPropIncrement\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropDigits => "OfxParamPropDigits\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropParent => "OfxParamPropParent\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropPageChild => "OfxParamPropPageChild\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropChoiceOption => "OfxParamPropChoiceOption\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropStringMode => "OfxParamPropStringMode\0"u8;
    public static ReadOnlySpan<byte> kOfxParamStringIsSingleLine => "OfxParamStringIsSingleLine\0"u8;
    public static ReadOnlySpan<byte> kOfxParamStringIsFilePath => "OfxParamStringIsFilePath\0"u8;
    public static ReadOnlySpan<byte> kOfxParamStringIsDirectoryPath => "OfxParamStringIsDirectoryPath\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropStringFilePathExists => "OfxParamPropStringFilePathExists\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropAnimates => "OfxParamPropAnimates\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropScriptName => "OfxParamPropScriptName\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropEvaluateOnChange => "OfxParamPropEvaluateOnChange\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropGroupOpen => "OfxParamPropGroupOpen\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropEnabled => "OfxParamPropEnabled\0"u8;
    public static ReadOnlySpan<byte> kOfxParamPropDoubleType => "OfxParamPropDoubleType\0"u8;
    public static ReadOnlySpan<byte> kOfxParamDoubleTypePlain => "OfxParamDoubleTypePlain\0"u8;
    public static ReadOnlySpan<byte> kOfxPluginPropParamPageOrder => "OfxPluginPropParamPageOrder\0"u8;
}
