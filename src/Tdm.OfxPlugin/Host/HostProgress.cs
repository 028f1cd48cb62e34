using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>
/// The host's progress bar for one effect instance, through OfxProgressSuiteV2 or else V1; a no-op when the host has
/// neither. Failures of the progress suite never stop a render: they are ignored.
/// </summary>
internal sealed unsafe class HostProgress(HostSuites suites, OfxImageEffectHandle effect)
{
    private bool _started;

    public void Start(string label)
    {
        var l = Utf8.Terminated(label);
        fixed (byte* p = l)
        fixed (byte* id = "TdmRestoreProgress\0"u8)
        {
            if (suites.ProgressV2 != null)
                _started = suites.ProgressV2->progressStart((void*)effect.Value, p, id) == OfxStatus.kOfxStatOK;
            else if (suites.ProgressV1 != null)
                _started = suites.ProgressV1->progressStart((void*)effect.Value, p) == OfxStatus.kOfxStatOK;
        }
    }

    /// <summary>Reports <paramref name="fraction"/> (0..1); false when the host asks to stop (kOfxStatReplyNo).</summary>
    public bool Update(double fraction)
    {
        if (!_started)
            return true;
        var status = suites.ProgressV2 != null
            ? suites.ProgressV2->progressUpdate((void*)effect.Value, fraction)
            : suites.ProgressV1->progressUpdate((void*)effect.Value, fraction);
        return status != OfxStatus.kOfxStatReplyNo;
    }

    public void End()
    {
        if (!_started)
            return;
        _ = suites.ProgressV2 != null
            ? suites.ProgressV2->progressEnd((void*)effect.Value)
            : suites.ProgressV1->progressEnd((void*)effect.Value);
        _started = false;
    }
}
