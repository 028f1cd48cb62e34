using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>
/// A host-owned property set (effect, clip, image, parameter, action arguments). Names are NUL-terminated UTF-8
/// spans (the kOfx… constants). Every call goes through <see cref="HostSuites.Check"/>, which names the suite
/// function and the property when the host refuses, except the TrySet… calls for what the effect can do without.
/// </summary>
internal readonly unsafe struct PropertySet(HostSuites suites, OfxPropertySetHandle handle)
{
    public OfxPropertySetHandle Handle { get; } = handle;

    private OfxPropertySuiteV1* S => suites.Property;

    public void SetInt(ReadOnlySpan<byte> name, int value, int index = 0) =>
        HostSuites.Check(PutInt(name, value, index), "propSetInt", Detail(name, index));

    public void SetDouble(ReadOnlySpan<byte> name, double value, int index = 0) =>
        HostSuites.Check(PutDouble(name, value, index), "propSetDouble", Detail(name, index));

    public void SetString(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int index = 0) =>
        HostSuites.Check(PutString(name, value, index), "propSetString", Detail(name, index));

    public void SetString(ReadOnlySpan<byte> name, string value, int index = 0) => SetString(name, Utf8.Terminated(value), index);

    // Best effort: for what the effect works without (labels, hints, layout, values equal to the spec's defaults).
    // Hosts differ in the properties they know and answer kOfxStatErrUnknown for the others (openfx's HostSupport,
    // Natron's base, does for the page order): such a refusal must never fail an action.

    /// <summary>Sets a property the effect can do without; false when the host refuses it.</summary>
    public bool TrySetInt(ReadOnlySpan<byte> name, int value, int index = 0) => PutInt(name, value, index) == OfxStatus.kOfxStatOK;

    /// <summary>Sets a property the effect can do without; false when the host refuses it.</summary>
    public bool TrySetDouble(ReadOnlySpan<byte> name, double value, int index = 0) => PutDouble(name, value, index) == OfxStatus.kOfxStatOK;

    /// <summary>Sets a property the effect can do without; false when the host refuses it.</summary>
    public bool TrySetString(ReadOnlySpan<byte> name, string value, int index = 0) =>
        PutString(name, Utf8.Terminated(value), index) == OfxStatus.kOfxStatOK;

    /// <summary>Sets a property the effect can do without; false when the host refuses it.</summary>
    public bool TrySetString(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int index = 0) =>
        PutString(name, value, index) == OfxStatus.kOfxStatOK;

    /// <summary>Sets values 0..n-1 of a property the effect can do without; false (and no more) at the first refusal.</summary>
    public bool TrySetStrings(ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
            if (!TrySetString(name, values[i], i))
                return false;
        return true;
    }

    public void SetPointer(ReadOnlySpan<byte> name, void* value, int index = 0)
    {
        fixed (byte* n = name)
            HostSuites.Check(S->propSetPointer(Handle, n, index, value), "propSetPointer", Detail(name, index));
    }

    public void SetInts(ReadOnlySpan<byte> name, ReadOnlySpan<int> values)
    {
        fixed (byte* n = name)
        fixed (int* v = values)
            HostSuites.Check(S->propSetIntN(Handle, n, values.Length, v), "propSetIntN", Detail(name, values.Length));
    }

    public void SetDoubles(ReadOnlySpan<byte> name, ReadOnlySpan<double> values)
    {
        fixed (byte* n = name)
        fixed (double* v = values)
            HostSuites.Check(S->propSetDoubleN(Handle, n, values.Length, v), "propSetDoubleN", Detail(name, values.Length));
    }

    public int GetInt(ReadOnlySpan<byte> name, int index = 0)
    {
        int value;
        fixed (byte* n = name)
            HostSuites.Check(S->propGetInt(Handle, n, index, &value), "propGetInt", Detail(name, index));
        return value;
    }

    /// <summary>The value, or <paramref name="fallback"/> when the host does not have the property.</summary>
    public int GetIntOr(ReadOnlySpan<byte> name, int fallback, int index = 0)
    {
        int value;
        fixed (byte* n = name)
            return S->propGetInt(Handle, n, index, &value) == OfxStatus.kOfxStatOK ? value : fallback;
    }

    public double GetDouble(ReadOnlySpan<byte> name, int index = 0)
    {
        double value;
        fixed (byte* n = name)
            HostSuites.Check(S->propGetDouble(Handle, n, index, &value), "propGetDouble", Detail(name, index));
        return value;
    }

    /// <summary>The value, or <paramref name="fallback"/> when the host does not have the property.</summary>
    public double GetDoubleOr(ReadOnlySpan<byte> name, double fallback, int index = 0)
    {
        double value;
        fixed (byte* n = name)
            return S->propGetDouble(Handle, n, index, &value) == OfxStatus.kOfxStatOK ? value : fallback;
    }

    /// <summary>The string decoded from the host's UTF-8 (the host keeps ownership of its buffer).</summary>
    public string GetString(ReadOnlySpan<byte> name, int index = 0)
    {
        byte* value;
        fixed (byte* n = name)
            HostSuites.Check(S->propGetString(Handle, n, index, &value), "propGetString", Detail(name, index));
        return Utf8.Decode(value);
    }

    /// <summary>The raw host-owned C string, valid until the property changes.</summary>
    public byte* GetStringPointer(ReadOnlySpan<byte> name, int index = 0)
    {
        byte* value;
        fixed (byte* n = name)
            HostSuites.Check(S->propGetString(Handle, n, index, &value), "propGetString", Detail(name, index));
        return value;
    }

    public void* GetPointer(ReadOnlySpan<byte> name, int index = 0)
    {
        void* value;
        fixed (byte* n = name)
            HostSuites.Check(S->propGetPointer(Handle, n, index, &value), "propGetPointer", Detail(name, index));
        return value;
    }

    public void GetInts(ReadOnlySpan<byte> name, Span<int> values)
    {
        fixed (byte* n = name)
        fixed (int* v = values)
            HostSuites.Check(S->propGetIntN(Handle, n, values.Length, v), "propGetIntN", Detail(name, values.Length));
    }

    public void GetDoubles(ReadOnlySpan<byte> name, Span<double> values)
    {
        fixed (byte* n = name)
        fixed (double* v = values)
            HostSuites.Check(S->propGetDoubleN(Handle, n, values.Length, v), "propGetDoubleN", Detail(name, values.Length));
    }

    public int Dimension(ReadOnlySpan<byte> name)
    {
        int count;
        fixed (byte* n = name)
            HostSuites.Check(S->propGetDimension(Handle, n, &count), "propGetDimension", Detail(name, 0));
        return count;
    }

    private int PutInt(ReadOnlySpan<byte> name, int value, int index)
    {
        fixed (byte* n = name)
            return S->propSetInt(Handle, n, index, value);
    }

    private int PutDouble(ReadOnlySpan<byte> name, double value, int index)
    {
        fixed (byte* n = name)
            return S->propSetDouble(Handle, n, index, value);
    }

    private int PutString(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int index)
    {
        fixed (byte* n = name)
        fixed (byte* v = value)
            return S->propSetString(Handle, n, index, v);
    }

    private static string Detail(ReadOnlySpan<byte> name, int index) => $"\"{Utf8.Decode(name)}\", {index}";
}
