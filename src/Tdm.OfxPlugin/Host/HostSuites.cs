using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>
/// The suites this plugin uses, fetched once from the host at the Load action. The pointers are owned by the host and
/// valid while the binary is loaded. Property, image-effect and parameter suites are required; the others are
/// optional and null when the host lacks them.
/// </summary>
internal sealed unsafe class HostSuites
{
    /// <summary>Fetches the suites through <paramref name="host"/>; throws when a required suite is missing.</summary>
    public HostSuites(OfxHost* host)
    {
        Host = host;
        Property = (OfxPropertySuiteV1*)Require(host, OfxCoreNames.kOfxPropertySuite, 1);
        ImageEffect = (OfxImageEffectSuiteV1*)Require(host, OfxImageEffectNames.kOfxImageEffectSuite, 1);
        Parameter = (OfxParameterSuiteV1*)Require(host, OfxParamNames.kOfxParameterSuite, 1);
        Memory = (OfxMemorySuiteV1*)Fetch(host, OfxCoreNames.kOfxMemorySuite, 1);
        MultiThread = (OfxMultiThreadSuiteV1*)Fetch(host, OfxCoreNames.kOfxMultiThreadSuite, 1);
        MessageV2 = (OfxMessageSuiteV2*)Fetch(host, OfxCoreNames.kOfxMessageSuite, 2);
        MessageV1 = (OfxMessageSuiteV1*)Fetch(host, OfxCoreNames.kOfxMessageSuite, 1);
        ProgressV2 = (OfxProgressSuiteV2*)Fetch(host, OfxCoreNames.kOfxProgressSuite, 2);
        ProgressV1 = (OfxProgressSuiteV1*)Fetch(host, OfxCoreNames.kOfxProgressSuite, 1);
    }

    public OfxHost* Host { get; }
    public OfxPropertySuiteV1* Property { get; }
    public OfxImageEffectSuiteV1* ImageEffect { get; }
    public OfxParameterSuiteV1* Parameter { get; }
    public OfxMemorySuiteV1* Memory { get; }
    public OfxMultiThreadSuiteV1* MultiThread { get; }
    public OfxMessageSuiteV2* MessageV2 { get; }
    public OfxMessageSuiteV1* MessageV1 { get; }
    public OfxProgressSuiteV2* ProgressV2 { get; }
    public OfxProgressSuiteV1* ProgressV1 { get; }

    /// <summary>The host's own property set (name, label, capabilities).</summary>
    public PropertySet HostProperties => new(this, Host->host);

    /// <summary>The effect's property set (descriptor or instance).</summary>
    public PropertySet EffectProperties(OfxImageEffectHandle effect)
    {
        OfxPropertySetHandle props;
        Check(ImageEffect->getPropertySet(effect, &props), "getPropertySet", "effect");
        return new PropertySet(this, props);
    }

    /// <summary>The effect's parameter set (descriptor or instance).</summary>
    public ParamSet EffectParams(OfxImageEffectHandle effect)
    {
        OfxParamSetHandle set;
        Check(ImageEffect->getParamSet(effect, &set), "getParamSet", "effect");
        return new ParamSet(this, set);
    }

    /// <summary>Whether the host asks the effect to stop what it is doing (OfxImageEffectSuiteV1::abort).</summary>
    public bool Abort(OfxImageEffectHandle effect) => ImageEffect->abort(effect) != 0;

    /// <summary>The one status check: anything but kOfxStatOK throws an <see cref="OfxHostException"/> naming the function.</summary>
    public static void Check(int status, string function, string detail)
    {
        if (status != OfxStatus.kOfxStatOK)
            throw new OfxHostException(function, status, detail);
    }

    private static void* Fetch(OfxHost* host, ReadOnlySpan<byte> name, int version)
    {
        fixed (byte* n = name)
            return host->fetchSuite(host->host, n, version);
    }

    private static void* Require(OfxHost* host, ReadOnlySpan<byte> name, int version)
    {
        var suite = Fetch(host, name, version);
        if (suite == null)
            throw new OfxHostException("fetchSuite", OfxStatus.kOfxStatErrMissingHostFeature, $"\"{Utf8.Decode(name)}\", {version}");
        return suite;
    }
}
