using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Degradations;

/// <summary>
/// One degradation model: turns a clean crop (RGBA in [0,1], opaque) into the degraded input a task restores, drawing
/// its parameters from <see cref="PairRandom"/> and recording them. Never modifies the clean frame.
/// </summary>
public interface IDegradation
{
    /// <summary>The name the degradation goes by in --tasks and --custom (denoise, dehaze, derain, mp4, sr).</summary>
    string Name { get; }

    /// <summary>The degraded frame, the same size as <paramref name="clean"/>.</summary>
    Frame Apply(Frame clean, PairRandom random, DegradationRecord record);
}
