using System.Collections.Concurrent;
using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin;

/// <summary>
/// The live instances keyed by the host's instance handle. No GCHandle goes to the host (nothing to leak or free in
/// the wrong order); lookups are lock-free because render threads and the main thread use the table together.
/// </summary>
internal sealed class InstanceTable
{
    private readonly ConcurrentDictionary<nint, EffectInstance> _instances = new();

    public void Add(EffectInstance instance) => _instances[instance.Handle.Value] = instance;

    public void Remove(OfxImageEffectHandle handle) => _instances.TryRemove(handle.Value, out _);

    /// <summary>The instance for <paramref name="handle"/>; throws when the host passes one it never created.</summary>
    public EffectInstance Get(OfxImageEffectHandle handle) =>
        _instances.TryGetValue(handle.Value, out var instance)
            ? instance
            : throw new Host.OfxHostException("mainEntry", OfxStatus.kOfxStatErrBadHandle, $"instance 0x{handle.Value:x} was never created");

    public int Count => _instances.Count;
}
