namespace Tdm.Dataset.Media;

/// <summary>The raw pixel layouts frames travel in through ffmpeg's pipes (and in the video frame cache).</summary>
public enum RawPixelFormat
{
    /// <summary>ffmpeg "rgba": interleaved 8-bit RGBA.</summary>
    Rgba8,
    /// <summary>ffmpeg "rgba64le": interleaved 16-bit little-endian RGBA.</summary>
    Rgba16,
    /// <summary>ffmpeg "gbrapf32le": planar 32-bit float, planes G, B, R, A.</summary>
    GbrapF32,
    /// <summary>
    /// ffmpeg "gbrpf32le": planar 32-bit float, planes G, B, R (alpha is 1). Float without alpha travels in this
    /// layout because ffmpeg's scaler converts between float layouts through 16-bit integers.
    /// </summary>
    GbrpF32,
}
