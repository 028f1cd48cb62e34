using Tdm.Engine.Imaging;

namespace Tdm.OfxPlugin.Restoration;

/// <summary>A clip as the restorer sees it: frames 0..Length-1, read on demand (the engine's IClip shape).</summary>
internal interface IFrameSource
{
    /// <summary>Number of frames.</summary>
    int Length { get; }

    /// <summary>Frame <paramref name="index"/> (0-based); may be called more than once.</summary>
    Frame ReadFrame(int index);
}
