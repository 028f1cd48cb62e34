using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

/// <summary>
/// ofxParam.h OfxParameterSuiteV1 ("OfxParameterSuite", version 1). The field order must match the header exactly.
/// </summary>
/// <remarks>
/// paramGetValue, paramGetValueAtTime, paramGetDerivative, paramGetIntegral, paramSetValue and paramSetValueAtTime
/// are C varargs functions. On SysV x86-64 a call whose variadic arguments are all pointers (or integers) passes them
/// exactly like a fixed-signature call (the callee reads them from the general registers it spills), so the getters
/// are typed here as fixed signatures with ONE pointer: use them only for one-value parameters (int, double, bool,
/// choice, string). Setters pass doubles in vector registers and need AL set to the vector-register count, which a
/// function pointer call does not do: they are left untyped and never called.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OfxParameterSuiteV1
{
    public delegate* unmanaged<OfxParamSetHandle, byte*, byte*, OfxPropertySetHandle*, int> paramDefine;
    public delegate* unmanaged<OfxParamSetHandle, byte*, OfxParamHandle*, OfxPropertySetHandle*, int> paramGetHandle;
    public delegate* unmanaged<OfxParamSetHandle, OfxPropertySetHandle*, int> paramSetGetPropertySet;
    public delegate* unmanaged<OfxParamHandle, OfxPropertySetHandle*, int> paramGetPropertySet;

    /// <summary>paramGetValue(param, ...): one pointer to the value (int*, double*, char**).</summary>
    public delegate* unmanaged<OfxParamHandle, void*, int> paramGetValue;

    /// <summary>paramGetValueAtTime(param, time, ...): one pointer to the value.</summary>
    public delegate* unmanaged<OfxParamHandle, double, void*, int> paramGetValueAtTime;
    public void* paramGetDerivative;
    public void* paramGetIntegral;
    public void* paramSetValue;
    public void* paramSetValueAtTime;
    public delegate* unmanaged<OfxParamHandle, uint*, int> paramGetNumKeys;
    public delegate* unmanaged<OfxParamHandle, uint, double*, int> paramGetKeyTime;
    public delegate* unmanaged<OfxParamHandle, double, int, int*, int> paramGetKeyIndex;
    public delegate* unmanaged<OfxParamHandle, double, int> paramDeleteKey;
    public delegate* unmanaged<OfxParamHandle, int> paramDeleteAllKeys;
    public delegate* unmanaged<OfxParamHandle, OfxParamHandle, double, OfxRangeD*, int> paramCopy;
    public delegate* unmanaged<OfxParamSetHandle, byte*, int> paramEditBegin;
    public delegate* unmanaged<OfxParamSetHandle, int> paramEditEnd;
}
