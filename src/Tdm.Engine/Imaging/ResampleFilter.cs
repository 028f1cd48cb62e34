namespace Tdm.Engine.Imaging;

/// <summary>The reconstruction kernel of <see cref="Resampler"/>.</summary>
internal enum ResampleFilter
{
    /// <summary>Lanczos windowed sinc, 3 lobes: sharpest, slight ringing at hard edges. The default.</summary>
    Lanczos3,
    /// <summary>Catmull-Rom cubic (B = 0, C = 0.5): a little softer, less ringing.</summary>
    CatmullRom,
}
