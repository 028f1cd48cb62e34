using Tdm.Dataset;
using Tdm.Dataset.Media;
using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Tests.Support;

/// <summary>Small synthetic images for the degradation tests.</summary>
internal static class TestImages
{
    /// <summary>A flat opaque grey frame at an 8-bit level.</summary>
    public static Frame Flat(int size, int level)
    {
        var frame = new Frame(size, size);
        for (var i = 0; i < frame.Pixels.Length; i++)
            frame.Pixels[i] = i % 4 == 3 ? 1f : level / 255f;
        return frame;
    }

    /// <summary>Uniform random 8-bit colours (white noise: energy at every frequency).</summary>
    public static Frame Random(int size, int seed)
    {
        var random = new PairRandom(seed, 0);
        var frame = new Frame(size, size);
        for (var i = 0; i < frame.Pixels.Length; i++)
            frame.Pixels[i] = i % 4 == 3 ? 1f : random.NextInt(256) / 255f;
        return frame;
    }

    /// <summary>Smooth gradients with fine stripes and a little noise: something a codec has to spend bits on.</summary>
    public static Frame Textured(int width, int height, int seed)
    {
        var random = new PairRandom(seed, 1);
        var frame = new Frame(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var pixel = frame[x, y];
                pixel[0] = (float)(0.5 + (0.3 * Math.Sin(x * 0.7)) + (0.05 * random.Gaussian()));
                pixel[1] = (float)(0.5 + (0.3 * Math.Cos((x + y) * 0.31)));
                pixel[2] = (float)((double)y / height);
                pixel[3] = 1f;
            }
        }
        return PngFile.Quantise(frame);
    }
}
