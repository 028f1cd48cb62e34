namespace Tdm.OfxPlugin.Interop;

// The host's opaque handles (ofxCore.h typedefs of pointers to incomplete structs). A one-pointer struct is passed
// and returned exactly like the pointer itself on x86-64, so the suites below use these types in their signatures.
// The host owns every object behind them; the plugin never frees one.

/// <summary>OfxPropertySetHandle.</summary>
internal readonly record struct OfxPropertySetHandle(nint Value)
{
    public bool IsNull => Value == 0;
}

/// <summary>OfxImageEffectHandle: a plugin descriptor or an effect instance.</summary>
internal readonly record struct OfxImageEffectHandle(nint Value);

/// <summary>OfxParamSetHandle.</summary>
internal readonly record struct OfxParamSetHandle(nint Value);

/// <summary>OfxParamHandle.</summary>
internal readonly record struct OfxParamHandle(nint Value);

/// <summary>OfxImageClipHandle.</summary>
internal readonly record struct OfxImageClipHandle(nint Value);

/// <summary>OfxImageMemoryHandle.</summary>
internal readonly record struct OfxImageMemoryHandle(nint Value);

/// <summary>OfxMutexHandle.</summary>
internal readonly record struct OfxMutexHandle(nint Value);
