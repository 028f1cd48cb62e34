using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

/// <summary>ofxMemory.h OfxMemorySuiteV1 ("OfxMemorySuite", version 1). Field order must match the header.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OfxMemorySuiteV1
{
    public delegate* unmanaged<void*, nuint, void**, int> memoryAlloc;
    public delegate* unmanaged<void*, int> memoryFree;
}
