using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>
/// An instance's parameter. Values are read with the varargs getters typed as one-pointer calls (see
/// <see cref="OfxParameterSuiteV1"/>): one-value parameters only.
/// </summary>
internal readonly unsafe struct Param(HostSuites suites, OfxParamHandle handle, string name)
{
    public OfxParamHandle Handle { get; } = handle;

    public string Name { get; } = name;

    /// <summary>An integer, boolean or choice parameter's value at <paramref name="time"/>.</summary>
    public int GetInt(double time)
    {
        int value;
        HostSuites.Check(suites.Parameter->paramGetValueAtTime(Handle, time, &value), "paramGetValueAtTime", $"\"{Name}\", {time}");
        return value;
    }

    /// <summary>A double parameter's value at <paramref name="time"/>.</summary>
    public double GetDouble(double time)
    {
        double value;
        HostSuites.Check(suites.Parameter->paramGetValueAtTime(Handle, time, &value), "paramGetValueAtTime", $"\"{Name}\", {time}");
        return value;
    }

    /// <summary>A string parameter's value at <paramref name="time"/>, copied out of the host's buffer.</summary>
    public string GetString(double time)
    {
        byte* value;
        HostSuites.Check(suites.Parameter->paramGetValueAtTime(Handle, time, &value), "paramGetValueAtTime", $"\"{Name}\", {time}");
        return Utf8.Decode(value);
    }
}
