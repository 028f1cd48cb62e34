using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

/// <summary>ofxMessage.h OfxMessageSuiteV1 ("OfxMessageSuite", version 1). Field order must match the header.</summary>
/// <remarks>
/// message(handle, messageType, messageId, format, ...) is printf-style varargs; it is typed with one variadic
/// pointer and always called with the format "%s", which passes like a fixed signature on SysV x86-64.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OfxMessageSuiteV1
{
    public delegate* unmanaged<void*, byte*, byte*, byte*, byte*, int> message;
}
