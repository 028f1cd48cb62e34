using Tdm.Engine.Imaging;

namespace Tdm.Engine.Video;

/// <summary>A source of frames, indexed from the clip's first frame. Hosts implement it over their own frame
/// access (an OpenFX clip, a decoded video, an image sequence).</summary>
public interface IClip
{
    /// <summary>Number of frames.</summary>
    int Length { get; }

    /// <summary>Frame <paramref name="index"/> (0..Length-1). The engine does not modify the returned frame.</summary>
    Frame ReadFrame(int index);

    /// <summary>How the engine's messages name frame <paramref name="index"/> for the user, e.g. "frame 1001
    /// (scan/f_1001.exr)"; by default "frame INDEX of the clip".</summary>
    string FrameName(int index) => $"frame {index} of the clip";
}
