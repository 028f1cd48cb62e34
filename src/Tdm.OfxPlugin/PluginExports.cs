using System.Runtime.InteropServices;
using Tdm.Engine;
using Tdm.OfxPlugin.Host;
using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin;

/// <summary>
/// The binary's C exports (OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost) and the plugin's setHost and mainEntry.
/// This is the exception firewall: an exception that reached the host would end the editor's process, so every
/// entry point catches everything here and turns it into a status (and, for errors, a message to the user).
/// </summary>
internal static unsafe class PluginExports
{
    private static readonly Lock s_gate = new();
    private static Interop.OfxPlugin* s_plugin;
    private static OfxHost* s_host;
    private static PluginServices? s_services;

    [UnmanagedCallersOnly(EntryPoint = "OfxGetNumberOfPlugins")]
    private static int OfxGetNumberOfPlugins() => 1;

    [UnmanagedCallersOnly(EntryPoint = "OfxGetPlugin")]
    private static Interop.OfxPlugin* OfxGetPlugin(int nth)
    {
        try
        {
            return nth == 0 ? Plugin() : null;
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>OfxSetHost (OpenFX 1.5, optional): the host pointer before any plugin is described.</summary>
    [UnmanagedCallersOnly(EntryPoint = "OfxSetHost")]
    private static int OfxSetHost(OfxHost* host)
    {
        s_host = host;
        return OfxStatus.kOfxStatOK;
    }

    [UnmanagedCallersOnly]
    private static void SetHost(OfxHost* host) => s_host = host;

    [UnmanagedCallersOnly]
    private static int MainEntry(byte* action, nint handle, OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs)
    {
        try
        {
            return Run(action, handle, inArgs, outArgs);
        }
        catch (Exception e)
        {
            return Fail(action, handle, e);
        }
    }

    private static int Run(byte* action, nint handle, OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs)
    {
        if (Utf8.Equals(action, OfxCoreNames.kOfxActionLoad))
        {
            if (s_host == null)
                return OfxStatus.kOfxStatErrMissingHostFeature;
            lock (s_gate)
                s_services ??= PluginServices.Compose(new HostSuites(s_host));
            return OfxStatus.kOfxStatOK;
        }
        if (Utf8.Equals(action, OfxCoreNames.kOfxActionUnload))
        {
            lock (s_gate)
            {
                s_services?.Dispose();
                s_services = null;
            }
            return OfxStatus.kOfxStatOK;
        }
        var services = s_services;
        if (services == null)
            return OfxStatus.kOfxStatFailed; // an action before Load: the host broke the protocol
        return services.Actions.Dispatch(action, handle, inArgs, outArgs);
    }

    /// <summary>Maps an exception to a status, telling the user what went wrong (never throws).</summary>
    private static int Fail(byte* action, nint handle, Exception e)
    {
        try
        {
            if (e is OperationCanceledException)
                return OfxStatus.kOfxStatFailed; // the host aborted: it discards the frame, nothing to tell
            var text = e switch
            {
                TdmException t => $"TDM Restore: {t.Message}",
                OfxHostException h when IsDescriptionTime(action) => $"TDM Restore cannot run in this host: {h.Message}",
                OfxHostException h => $"TDM Restore: {h.Message}",
                OutOfMemoryException => "TDM Restore ran out of memory: lower Processing short side or Chunk length, or close other programs",
                _ => $"TDM Restore failed in {Utf8.Decode(action)}: {e.GetType().Name}: {e.Message}",
            };
            var suites = s_services?.Suites;
            if (Utf8.Equals(action, OfxImageEffectNames.kOfxImageEffectActionRender))
                HostMessages.PersistentError(suites, handle, text);
            else if (IsDescriptionTime(action))
                TellAtDescription(suites, text);
            else
                HostMessages.Error(suites, handle, text);
        }
        catch (Exception)
        {
            // Telling the user is best effort; the status below still reports the failure.
        }
        return OfxStatus.kOfxStatFailed;
    }

    /// <summary>Load, Describe and DescribeInContext: no instance exists yet, and the handle (if any) is a descriptor.</summary>
    private static bool IsDescriptionTime(byte* action) =>
        Utf8.Equals(action, OfxCoreNames.kOfxActionLoad)
        || Utf8.Equals(action, OfxCoreNames.kOfxActionDescribe)
        || Utf8.Equals(action, OfxImageEffectNames.kOfxImageEffectActionDescribeInContext);

    /// <summary>
    /// A failure before any instance exists, told where hosts show it: a message about the plugin (NULL handle; hosts
    /// built on openfx's HostSupport, Natron's among them, treat a descriptor handle as an instance and lose the
    /// message) and stderr, which editors log and which is all there is when Load fails before the suites exist.
    /// </summary>
    private static void TellAtDescription(HostSuites? suites, string text)
    {
        try
        {
            Console.Error.WriteLine(text);
        }
        finally
        {
            HostMessages.Error(suites, 0, text);
        }
    }

    /// <summary>The plugin struct, allocated once in unmanaged memory with its own copies of the strings.</summary>
    private static Interop.OfxPlugin* Plugin()
    {
        lock (s_gate)
        {
            if (s_plugin != null)
                return s_plugin;
            var p = (Interop.OfxPlugin*)NativeMemory.AllocZeroed((nuint)sizeof(Interop.OfxPlugin));
            p->pluginApi = Copy(OfxImageEffectNames.kOfxImageEffectPluginApi);
            p->apiVersion = 1;
            p->pluginIdentifier = Copy(EffectDescriptor.Identifier);
            p->pluginVersionMajor = EffectDescriptor.VersionMajor;
            p->pluginVersionMinor = EffectDescriptor.VersionMinor;
            p->setHost = &SetHost;
            p->mainEntry = &MainEntry;
            s_plugin = p;
            return p;
        }
    }

    private static byte* Copy(ReadOnlySpan<byte> terminated)
    {
        var p = (byte*)NativeMemory.Alloc((nuint)terminated.Length);
        terminated.CopyTo(new Span<byte>(p, terminated.Length));
        return p;
    }

    /// <summary>For tests: the same plugin struct a host gets.</summary>
    internal static Interop.OfxPlugin* PluginForTests() => Plugin();
}
