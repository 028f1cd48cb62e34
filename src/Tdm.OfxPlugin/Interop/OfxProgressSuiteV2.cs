using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

/// <summary>ofxProgress.h OfxProgressSuiteV2 ("OfxProgressSuite", version 2). Field order must match the header.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OfxProgressSuiteV2
{
    /// <summary>progressStart(effect, message, messageId).</summary>
    public delegate* unmanaged<void*, byte*, byte*, int> progressStart;

    /// <summary>progressUpdate(effect, 0..1): kOfxStatReplyNo asks the plugin to abort.</summary>
    public delegate* unmanaged<void*, double, int> progressUpdate;
    public delegate* unmanaged<void*, int> progressEnd;
}
