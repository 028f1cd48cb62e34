using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

/// <summary>
/// ofxProperty.h OfxPropertySuiteV1 ("OfxPropertySuite", version 1). The host fills a C struct of function pointers:
/// the field order must match the header exactly. Every function returns an OfxStatus.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OfxPropertySuiteV1
{
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, void*, int> propSetPointer;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, byte*, int> propSetString;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, double, int> propSetDouble;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, int, int> propSetInt;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, void**, int> propSetPointerN;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, byte**, int> propSetStringN;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, double*, int> propSetDoubleN;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, int*, int> propSetIntN;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, void**, int> propGetPointer;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, byte**, int> propGetString;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, double*, int> propGetDouble;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, int*, int> propGetInt;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, void**, int> propGetPointerN;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, byte**, int> propGetStringN;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, double*, int> propGetDoubleN;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int, int*, int> propGetIntN;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int> propReset;
    public delegate* unmanaged<OfxPropertySetHandle, byte*, int*, int> propGetDimension;
}
