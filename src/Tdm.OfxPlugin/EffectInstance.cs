using Tdm.OfxPlugin.Host;
using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin;

/// <summary>
/// Per-instance state: the host's handles for the instance, its parameters and clips, looked up once at
/// CreateInstance (they stay valid until DestroyInstance). Renders of one instance never overlap (instance-safe).
/// </summary>
internal sealed class EffectInstance
{
    public EffectInstance(HostSuites suites, OfxImageEffectHandle handle)
    {
        Suites = suites;
        Handle = handle;
        Params = suites.EffectParams(handle);
        Source = Clip.Get(suites, handle, OfxImageEffectNames.kOfxImageEffectSimpleSourceClipName);
        Output = Clip.Get(suites, handle, OfxImageEffectNames.kOfxImageEffectOutputClipName);
    }

    public HostSuites Suites { get; }
    public OfxImageEffectHandle Handle { get; }
    public ParamSet Params { get; }
    public Clip Source { get; }
    public Clip Output { get; }

    /// <summary>The Source clip's first frame and length (at least 1) from its frame range.</summary>
    public (double First, int Length) SourceFrames()
    {
        var (first, last) = Source.FrameRange;
        return (first, Math.Max(1, (int)Math.Round(last - first) + 1));
    }

    /// <summary>
    /// The clip-relative frame index for a host time: fractional times (retimes) round to the nearest frame, halves
    /// upwards, and times outside the clip clamp to its ends.
    /// </summary>
    public static int FrameIndex(double time, double first, int length) =>
        Math.Clamp((int)Math.Floor(time - first + 0.5), 0, length - 1);
}
