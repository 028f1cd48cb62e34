using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Cli.Bench;

/// <summary>
/// A deterministic degraded clip for the temporal benchmark: a smooth texture panning (2, 1) px per frame, plus noise
/// drawn anew for every frame (as a noisy camera gives), so a restoration can add or remove flicker. In memory.
/// </summary>
internal sealed class MovingClip : IClip
{
    /// <summary>The pan per frame: pixel (x, y) of frame t shows at (x + Dx, y + Dy) in frame t + 1.</summary>
    public const float Dx = 2f, Dy = 1f;

    /// <summary>Peak of the uniform per-frame noise.</summary>
    public const float Noise = 0.04f;

    private readonly Frame[] _frames;

    public MovingClip(int length, int width, int height)
    {
        _frames = new Frame[length];
        var state = 0x2545F4914F6CDD1DUL;
        for (int t = 0; t < length; t++)
        {
            var frame = new Frame(width, height);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    var p = frame[x, y];
                    double u = x - (Dx * t), v = y - (Dy * t);
                    for (int c = 0; c < 3; c++)
                    {
                        state = (state * 6364136223846793005UL) + 1442695040888963407UL;
                        float n = ((state >> 40) / (float)(1 << 24) - 0.5f) * 2f * Noise;
                        double texture = 0.5 + (0.2 * Math.Sin((u * 0.09) + (c * 1.7)) * Math.Cos((v * 0.11) - c)) + (0.1 * Math.Sin((u * 0.031) + (v * 0.023) + c));
                        p[c] = Math.Clamp((float)texture + n, 0f, 1f);
                    }
                    p[3] = 1f;
                }
            _frames[t] = frame;
        }
    }

    /// <inheritdoc/>
    public int Length => _frames.Length;

    /// <inheritdoc/>
    public Frame ReadFrame(int index) => _frames[index];
}
