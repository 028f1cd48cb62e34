using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

/// <summary>
/// ofxCore.h OfxHost: the host's global property set and its suite fetcher. Field order must match the header.
/// Valid while the binary is loaded.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OfxHost
{
    public OfxPropertySetHandle host;

    /// <summary>const void *(*fetchSuite)(OfxPropertySetHandle host, const char *suiteName, int suiteVersion).</summary>
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, void*> fetchSuite;
}
