namespace Tdm.OfxPlugin.Interop;

/// <summary>OfxStatus codes (ofxCore.h, ofxImageEffect.h), values copied from the headers.</summary>
internal static class OfxStatus
{
    public const int kOfxStatOK = 0;
    public const int kOfxStatFailed = 1;
    public const int kOfxStatErrFatal = 2;
    public const int kOfxStatErrUnknown = 3;
    public const int kOfxStatErrMissingHostFeature = 4;
    public const int kOfxStatErrUnsupported = 5;
    public const int kOfxStatErrExists = 6;
    public const int kOfxStatErrFormat = 7;
    public const int kOfxStatErrMemory = 8;
    public const int kOfxStatErrBadHandle = 9;
    public const int kOfxStatErrBadIndex = 10;
    public const int kOfxStatErrValue = 11;
    public const int kOfxStatReplyYes = 12;
    public const int kOfxStatReplyNo = 13;
    public const int kOfxStatReplyDefault = 14;
    public const int kOfxStatUnlicensed = 15;
    public const int kOfxStatErrImageFormat = 1000;

    /// <summary>The macro name of a status, for messages ("kOfxStatErrBadHandle"); unknown codes as numbers.</summary>
    public static string Name(int status) => status switch
    {
        kOfxStatOK => nameof(kOfxStatOK),
        kOfxStatFailed => nameof(kOfxStatFailed),
        kOfxStatErrFatal => nameof(kOfxStatErrFatal),
        kOfxStatErrUnknown => nameof(kOfxStatErrUnknown),
        kOfxStatErrMissingHostFeature => nameof(kOfxStatErrMissingHostFeature),
        kOfxStatErrUnsupported => nameof(kOfxStatErrUnsupported),
        kOfxStatErrExists => nameof(kOfxStatErrExists),
        kOfxStatErrFormat => nameof(kOfxStatErrFormat),
        kOfxStatErrMemory => nameof(kOfxStatErrMemory),
        kOfxStatErrBadHandle => nameof(kOfxStatErrBadHandle),
        kOfxStatErrBadIndex => nameof(kOfxStatErrBadIndex),
        kOfxStatErrValue => nameof(kOfxStatErrValue),
        kOfxStatReplyYes => nameof(kOfxStatReplyYes),
        kOfxStatReplyNo => nameof(kOfxStatReplyNo),
        kOfxStatReplyDefault => nameof(kOfxStatReplyDefault),
        kOfxStatUnlicensed => nameof(kOfxStatUnlicensed),
        kOfxStatErrImageFormat => nameof(kOfxStatErrImageFormat),
        _ => $"status {status}",
    };
}
