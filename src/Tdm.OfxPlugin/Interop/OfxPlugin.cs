using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

/// <summary>
/// ofxCore.h OfxPlugin (48 bytes on x86-64). Field order must match the header. The plugin owns this struct and
/// keeps it alive (unmanaged memory) for the lifetime of the binary.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OfxPlugin
{
    public byte* pluginApi;
    public int apiVersion;
    public byte* pluginIdentifier;
    public uint pluginVersionMajor;
    public uint pluginVersionMinor;

    /// <summary>void (*setHost)(OfxHost *host).</summary>
    public delegate* unmanaged<OfxHost*, void> setHost;

    /// <summary>OfxStatus (*mainEntry)(const char *action, const void *handle, OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs).</summary>
    public delegate* unmanaged<byte*, nint, OfxPropertySetHandle, OfxPropertySetHandle, int> mainEntry;
}
