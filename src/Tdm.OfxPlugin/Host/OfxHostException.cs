using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>A host suite function returned a status other than the one expected.</summary>
internal sealed class OfxHostException(string function, int status, string detail)
    : Exception($"the host's {function}({detail}) returned {OfxStatus.Name(status)}")
{
    /// <summary>The suite function, e.g. "propGetInt".</summary>
    public string Function { get; } = function;

    /// <summary>The OfxStatus it returned.</summary>
    public int Status { get; } = status;
}
