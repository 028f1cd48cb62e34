using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>
/// Pixels in host memory as OpenFX lays them out: <see cref="Data"/> points at the bottom-left pixel of
/// <see cref="Bounds"/> (y grows upwards), row y starts at Data + (y - Bounds.y1) * RowBytes, and RowBytes may be
/// negative (rows stored top-down) or padded. The memory is borrowed: valid while the image is held.
/// </summary>
internal readonly unsafe struct ImageView(byte* data, OfxRectI bounds, int rowBytes, PixelDepth depth, PixelComponents components)
{
    public byte* Data { get; } = data;
    public OfxRectI Bounds { get; } = bounds;
    public int RowBytes { get; } = rowBytes;
    public PixelDepth Depth { get; } = depth;
    public PixelComponents Components { get; } = components;

    /// <summary>Bytes of one pixel.</summary>
    public int PixelBytes => PixelFormat.ChannelBytes(Depth) * PixelFormat.Channels(Components);

    /// <summary>The first byte of pixel (x, y) in the image's pixel coordinates.</summary>
    public byte* PixelAddress(int x, int y) => Data + ((long)(y - Bounds.y1) * RowBytes) + ((long)(x - Bounds.x1) * PixelBytes);
}
