using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>An instance's clip (host-owned; valid for the instance's lifetime).</summary>
internal readonly unsafe struct Clip(HostSuites suites, OfxImageClipHandle handle, PropertySet properties, string name)
{
    public OfxImageClipHandle Handle { get; } = handle;

    public PropertySet Properties { get; } = properties;

    public string Name { get; } = name;

    /// <summary>Looks up the clip called <paramref name="name"/> on an instance.</summary>
    public static Clip Get(HostSuites suites, OfxImageEffectHandle effect, ReadOnlySpan<byte> name)
    {
        OfxImageClipHandle clip;
        OfxPropertySetHandle props;
        fixed (byte* n = name)
            HostSuites.Check(suites.ImageEffect->clipGetHandle(effect, n, &clip, &props), "clipGetHandle", $"\"{Utf8.Decode(name)}\"");
        return new Clip(suites, clip, new PropertySet(suites, props), Utf8.Decode(name));
    }

    public bool IsConnected => Properties.GetIntOr(OfxImageEffectNames.kOfxImageClipPropConnected, 1) != 0;

    /// <summary>The clip's frame range (kOfxImageEffectPropFrameRange): first and last frame, inclusive.</summary>
    public (double First, double Last) FrameRange
    {
        get
        {
            Span<double> r = stackalloc double[2];
            Properties.GetDoubles(OfxImageEffectNames.kOfxImageEffectPropFrameRange, r);
            return (r[0], r[1]);
        }
    }

    /// <summary>The clip's region of definition at <paramref name="time"/>, canonical coordinates.</summary>
    public OfxRectD RegionOfDefinition(double time)
    {
        OfxRectD rod;
        HostSuites.Check(suites.ImageEffect->clipGetRegionOfDefinition(Handle, time, &rod), "clipGetRegionOfDefinition", $"\"{Name}\", {time}");
        return rod;
    }

    /// <summary>
    /// The image at <paramref name="time"/> (the whole region of interest). The caller disposes it, which releases it
    /// back to the host.
    /// </summary>
    public HostImage GetImage(double time)
    {
        OfxPropertySetHandle image;
        HostSuites.Check(suites.ImageEffect->clipGetImage(Handle, time, null, &image), "clipGetImage", $"\"{Name}\", {time}");
        return new HostImage(suites, image);
    }
}
