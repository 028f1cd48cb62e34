using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

/// <summary>ofxProgress.h OfxProgressSuiteV1 ("OfxProgressSuite", version 1). Field order must match the header.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OfxProgressSuiteV1
{
    public delegate* unmanaged<void*, byte*, int> progressStart;

    /// <summary>progressUpdate(effect, 0..1): kOfxStatReplyNo asks the plugin to abort.</summary>
    public delegate* unmanaged<void*, double, int> progressUpdate;
    public delegate* unmanaged<void*, int> progressEnd;
}
