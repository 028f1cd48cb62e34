using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

/// <summary>
/// ofxImageEffect.h OfxImageEffectSuiteV1 ("OfxImageEffectSuite", version 1). The field order must match the
/// header exactly.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OfxImageEffectSuiteV1
{
    public delegate* unmanaged<OfxImageEffectHandle, OfxPropertySetHandle*, int> getPropertySet;
    public delegate* unmanaged<OfxImageEffectHandle, OfxParamSetHandle*, int> getParamSet;
    public delegate* unmanaged<OfxImageEffectHandle, byte*, OfxPropertySetHandle*, int> clipDefine;
    public delegate* unmanaged<OfxImageEffectHandle, byte*, OfxImageClipHandle*, OfxPropertySetHandle*, int> clipGetHandle;
    public delegate* unmanaged<OfxImageClipHandle, OfxPropertySetHandle*, int> clipGetPropertySet;

    /// <summary>clipGetImage(clip, time, region or NULL, image): the image is a property set released with clipReleaseImage.</summary>
    public delegate* unmanaged<OfxImageClipHandle, double, OfxRectD*, OfxPropertySetHandle*, int> clipGetImage;
    public delegate* unmanaged<OfxPropertySetHandle, int> clipReleaseImage;
    public delegate* unmanaged<OfxImageClipHandle, double, OfxRectD*, int> clipGetRegionOfDefinition;

    /// <summary>int abort(effect): 1 when the effect should stop what it is doing (not a status).</summary>
    public delegate* unmanaged<OfxImageEffectHandle, int> abort;
    public delegate* unmanaged<OfxImageEffectHandle, nuint, OfxImageMemoryHandle*, int> imageMemoryAlloc;
    public delegate* unmanaged<OfxImageMemoryHandle, int> imageMemoryFree;
    public delegate* unmanaged<OfxImageMemoryHandle, void**, int> imageMemoryLock;
    public delegate* unmanaged<OfxImageMemoryHandle, int> imageMemoryUnlock;
}
