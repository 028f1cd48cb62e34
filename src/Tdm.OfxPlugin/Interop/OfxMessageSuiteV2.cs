using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

/// <summary>ofxMessage.h OfxMessageSuiteV2 ("OfxMessageSuite", version 2). Field order must match the header.</summary>
/// <remarks>The printf-style functions are typed with one variadic pointer, see <see cref="OfxMessageSuiteV1"/>.</remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OfxMessageSuiteV2
{
    public delegate* unmanaged<void*, byte*, byte*, byte*, byte*, int> message;
    public delegate* unmanaged<void*, byte*, byte*, byte*, byte*, int> setPersistentMessage;
    public delegate* unmanaged<void*, int> clearPersistentMessage;
}
