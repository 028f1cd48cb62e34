using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>kOfxBitDepth… values the plugin accepts.</summary>
internal enum PixelDepth
{
    Byte,
    Short,
    Half,
    Float,
}

/// <summary>kOfxImageComponent… values the plugin accepts.</summary>
internal enum PixelComponents
{
    Rgba,
    Rgb,
}

/// <summary>Parsing and sizes of the pixel formats.</summary>
internal static unsafe class PixelFormat
{
    /// <summary>Bytes of one channel.</summary>
    public static int ChannelBytes(PixelDepth d) => d switch
    {
        PixelDepth.Byte => 1,
        PixelDepth.Short => 2,
        PixelDepth.Half => 2,
        _ => 4,
    };

    /// <summary>Channels of one pixel.</summary>
    public static int Channels(PixelComponents c) => c == PixelComponents.Rgba ? 4 : 3;

    public static PixelDepth ParseDepth(byte* s) =>
        Utf8.Equals(s, OfxCoreNames.kOfxBitDepthByte) ? PixelDepth.Byte
        : Utf8.Equals(s, OfxCoreNames.kOfxBitDepthShort) ? PixelDepth.Short
        : Utf8.Equals(s, OfxCoreNames.kOfxBitDepthHalf) ? PixelDepth.Half
        : Utf8.Equals(s, OfxCoreNames.kOfxBitDepthFloat) ? PixelDepth.Float
        : throw new OfxHostException("propGetString", OfxStatus.kOfxStatErrImageFormat,
            $"\"OfxImageEffectPropPixelDepth\" = \"{Utf8.Decode(s)}\": only byte, short, half and float images are supported");

    public static PixelComponents ParseComponents(byte* s) =>
        Utf8.Equals(s, OfxImageEffectNames.kOfxImageComponentRGBA) ? PixelComponents.Rgba
        : Utf8.Equals(s, OfxImageEffectNames.kOfxImageComponentRGB) ? PixelComponents.Rgb
        : throw new OfxHostException("propGetString", OfxStatus.kOfxStatErrImageFormat,
            $"\"OfxImageEffectPropComponents\" = \"{Utf8.Decode(s)}\": only RGBA and RGB images are supported");
}
