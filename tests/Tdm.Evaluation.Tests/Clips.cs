using Tdm.Engine.Imaging;

namespace Tdm.Evaluation.Tests;

/// <summary>Deterministic frames for the evaluation tests.</summary>
internal static class Clips
{
    /// <summary>Smooth multi-scale texture (values in about [0.15, 0.85]), opaque; defined everywhere, so any window of it can be cut.</summary>
    public static float Texture(double x, double y, int c) =>
        (float)(0.5 + (0.18 * Math.Sin((x * 0.19) + (c * 1.1)) * Math.Cos((y * 0.23) - c))
            + (0.12 * Math.Sin((x * 0.061) + (y * 0.047) + c)) + (0.05 * Math.Cos((x * 0.41) - (y * 0.37) + (2 * c))));

    /// <summary>Frame t of a clip whose content moves (dx, dy) px per frame: pixel (x, y) of frame t shows at (x + dx, y + dy) in t + 1.</summary>
    public static Frame Moving(int t, int width, int height, float dx, float dy, float brightness = 0f)
    {
        var f = new Frame(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var p = f[x, y];
                for (int c = 0; c < 3; c++)
                    p[c] = Texture(x - (dx * t), y - (dy * t), c) + brightness;
                p[3] = 1f;
            }
        return f;
    }

    /// <summary>A frame whose every pixel has a different value (for exact-copy checks).</summary>
    public static Frame Numbered(int width, int height, int seed)
    {
        var f = new Frame(width, height);
        for (int i = 0; i < f.Pixels.Length; i++)
            f.Pixels[i] = ((i * 7919) + (seed * 104729)) % 997 / 996f;
        return f;
    }
}
