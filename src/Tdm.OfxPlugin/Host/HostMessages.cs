using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>
/// Messages to the user through OfxMessageSuiteV2 (persistent where the host has it) or V1. The text is passed
/// through the format "%s" so that a '%' in a path never reaches printf as a directive. Failures are ignored: the
/// message is best effort and the status code carries the error anyway.
/// </summary>
internal static unsafe class HostMessages
{
    /// <summary>Shows an error about <paramref name="effect"/> (an instance handle, or 0 for the plugin).</summary>
    public static void Error(HostSuites? suites, nint effect, string text) => Post(suites, effect, OfxCoreNames.kOfxMessageError, text);

    /// <summary>Shows a warning about <paramref name="effect"/>.</summary>
    public static void Warning(HostSuites? suites, nint effect, string text) => Post(suites, effect, OfxCoreNames.kOfxMessageWarning, text);

    /// <summary>
    /// Sets a persistent error on the instance where the host has OfxMessageSuiteV2 (it shows the node in an error
    /// state until cleared: no dialog per failed frame during a render), else posts a transient error.
    /// </summary>
    public static void PersistentError(HostSuites? suites, nint effect, string text)
    {
        if (suites?.MessageV2 != null && effect != 0)
        {
            var t = Utf8.Terminated(text);
            fixed (byte* type = OfxCoreNames.kOfxMessageError)
            fixed (byte* id = "TdmError\0"u8)
            fixed (byte* fmt = "%s\0"u8)
            fixed (byte* p = t)
            {
                if (suites.MessageV2->setPersistentMessage((void*)effect, type, id, fmt, p) == Interop.OfxStatus.kOfxStatOK)
                    return;
            }
        }
        Error(suites, effect, text);
    }

    /// <summary>Clears a persistent message set by <see cref="PersistentError"/>.</summary>
    public static void ClearPersistent(HostSuites? suites, nint effect)
    {
        if (suites?.MessageV2 != null && effect != 0)
            _ = suites.MessageV2->clearPersistentMessage((void*)effect);
    }

    private static void Post(HostSuites? suites, nint effect, ReadOnlySpan<byte> type, string text)
    {
        if (suites == null)
            return;
        var t = Utf8.Terminated(text);
        fixed (byte* ty = type)
        fixed (byte* id = "TdmMessage\0"u8)
        fixed (byte* fmt = "%s\0"u8)
        fixed (byte* p = t)
        {
            if (suites.MessageV2 != null)
                _ = suites.MessageV2->message((void*)effect, ty, id, fmt, p);
            else if (suites.MessageV1 != null)
                _ = suites.MessageV1->message((void*)effect, ty, id, fmt, p);
        }
    }
}
