using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>
/// An image fetched from a clip: its properties read once into an <see cref="ImageView"/>. Dispose releases it to
/// the host (clipReleaseImage); the view's memory is invalid afterwards.
/// </summary>
internal sealed unsafe class HostImage : IDisposable
{
    private readonly HostSuites _suites;
    private OfxPropertySetHandle _handle;

    public HostImage(HostSuites suites, OfxPropertySetHandle handle)
    {
        _suites = suites;
        _handle = handle;
        try
        {
            var p = new PropertySet(suites, handle);
            Span<int> b = stackalloc int[4];
            p.GetInts(OfxImageEffectNames.kOfxImagePropBounds, b);
            View = new ImageView(
                (byte*)p.GetPointer(OfxImageEffectNames.kOfxImagePropData),
                new OfxRectI(b[0], b[1], b[2], b[3]),
                p.GetInt(OfxImageEffectNames.kOfxImagePropRowBytes),
                PixelFormat.ParseDepth(p.GetStringPointer(OfxImageEffectNames.kOfxImageEffectPropPixelDepth)),
                PixelFormat.ParseComponents(p.GetStringPointer(OfxImageEffectNames.kOfxImageEffectPropComponents)));
            if (View.Data == null)
                throw new OfxHostException("clipGetImage", OfxStatus.kOfxStatErrBadHandle, "image with a null OfxImagePropData");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The pixels, valid until <see cref="Dispose"/>.</summary>
    public ImageView View { get; }

    public void Dispose()
    {
        if (_handle.IsNull)
            return;
        _ = _suites.ImageEffect->clipReleaseImage(_handle);
        _handle = default;
    }
}
