using Tdm.Engine.Imaging;

namespace Tdm.Dataset;

/// <summary>
/// The clean footage pairs are cut from: a fixed, ordered list of items (an image, an image sequence or a video),
/// each of some frames. The order must not change between runs (a pair names its item by index).
/// </summary>
public interface ICleanSource
{
    /// <summary>Number of items.</summary>
    int Count { get; }

    /// <summary>A name of item <paramref name="item"/> for the metadata (a path).</summary>
    string NameOf(int item);

    /// <summary>Frames of item <paramref name="item"/>.</summary>
    int FrameCount(int item);

    /// <summary>Frame <paramref name="frame"/> of item <paramref name="item"/> (RGBA in [0,1]).</summary>
    Frame Read(int item, int frame);

    /// <summary>A depth map of that frame (grey in [0,1], white far; the frame's size), or null when there is none.</summary>
    Frame? ReadDepth(int item, int frame) => null;
}
