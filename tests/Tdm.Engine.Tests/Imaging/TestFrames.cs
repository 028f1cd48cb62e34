using Tdm.Engine.Imaging;

namespace Tdm.Engine.Tests.Imaging;

/// <summary>Deterministic synthetic frames for imaging and metric tests.</summary>
internal static class TestFrames
{
    /// <summary>Smooth waves plus a little hashed noise, colours in about [0.2, 0.8], opaque.</summary>
    public static Frame Textured(int width, int height, int seed = 1, float noise = 0.05f)
    {
        var f = new Frame(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var p = f[x, y];
                for (int c = 0; c < 3; c++)
                    p[c] = 0.5f + (0.2f * MathF.Sin((x * 0.21f) + (c * 1.3f) + seed) * MathF.Cos((y * 0.17f) - c)) + (noise * Hash(x, y, c, seed));
                p[3] = 1f;
            }
        return f;
    }

    /// <summary>A constant colour.</summary>
    public static Frame Constant(int width, int height, float r, float g, float b, float a = 1f)
    {
        var f = new Frame(width, height);
        for (int i = 0; i < f.Pixels.Length; i += 4)
            (f.Pixels[i], f.Pixels[i + 1], f.Pixels[i + 2], f.Pixels[i + 3]) = (r, g, b, a);
        return f;
    }

    /// <summary>A new frame with <paramref name="map"/> applied to the RGB of every pixel (alpha kept).</summary>
    public static Frame Map(Frame frame, Func<float, int, float> map)
    {
        var result = frame.Clone();
        for (int i = 0; i < result.Pixels.Length; i += 4)
            for (int c = 0; c < 3; c++)
                result.Pixels[i + c] = map(result.Pixels[i + c], c);
        return result;
    }

    /// <summary>Largest absolute RGBA difference.</summary>
    public static float MaxAbsDiff(Frame a, Frame b, bool includeAlpha = true)
    {
        float max = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
            if (includeAlpha || (i & 3) != 3)
                max = Math.Max(max, Math.Abs(a.Pixels[i] - b.Pixels[i]));
        return max;
    }

    /// <summary>Mean absolute RGB difference.</summary>
    public static double MeanAbsDiffRgb(Frame a, Frame b)
    {
        double sum = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
            if ((i & 3) != 3)
                sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return sum / (a.Pixels.Length / 4 * 3);
    }

    /// <summary>A value in [-1, 1) from integer coordinates (no System.Random: identical on every runtime).</summary>
    public static float Hash(int x, int y, int c, int seed)
    {
        uint h = (uint)((x * 73856093) ^ (y * 19349663) ^ (c * 83492791) ^ (seed * 2654435761));
        h ^= h >> 13;
        h *= 0x5bd1e995;
        h ^= h >> 15;
        return ((h & 0xFFFFFF) / (float)0x800000) - 1f;
    }
}
