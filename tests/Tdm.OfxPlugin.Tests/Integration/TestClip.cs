using Tdm.Engine.Imaging;

namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>
/// A generated clip: a soft pattern drifting one pixel per frame plus fixed-seed noise (something to restore),
/// quantised to <see cref="Levels"/> so that byte, short and float hosts all see exactly the same values.
/// </summary>
public sealed class TestClip
{
    public const int Width = 128;
    public const int Height = 64;
    public const int Length = 24;

    /// <summary>Values are multiples of 1/255: exact in every pixel depth.</summary>
    public const int Levels = 255;

    /// <summary>The seed of the scenarios' clip (<see cref="HostScenario.Clip"/>).</summary>
    public const int DefaultSeed = 7;

    public TestClip(int seed = DefaultSeed, int width = Width, int height = Height, int length = Length)
    {
        var rng = new Random(seed);
        Frames = new Frame[length];
        for (var t = 0; t < length; t++)
        {
            var f = new Frame(width, height);
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                {
                    var px = f[x, y];
                    px[0] = Quantise(0.5f + (0.35f * MathF.Sin((x + t) * 0.09f)) + Noise(rng));
                    px[1] = Quantise(0.5f + (0.35f * MathF.Cos((y - t) * 0.13f)) + Noise(rng));
                    px[2] = Quantise(0.3f + (0.4f * (x + y) / (width + height)) + Noise(rng));
                    px[3] = 1f;
                }
            Frames[t] = f;
        }
    }

    public Frame[] Frames { get; }

    /// <summary>Writes the frames as FOLDER/frame_%04d.EXT (pfm, or ppm with 8 bits) and returns the host's pattern.</summary>
    public string Write(string folder, string ext)
    {
        Directory.CreateDirectory(folder);
        for (var t = 0; t < Frames.Length; t++)
        {
            var path = Path.Combine(folder, $"frame_{t:D4}.{ext}");
            if (ext == "pfm")
                NetpbmFiles.WritePfm(path, Frames[t]);
            else
                NetpbmFiles.WritePpm(path, Frames[t], 255);
        }
        return Path.Combine(folder, $"frame_%04d.{ext}");
    }

    private static float Noise(Random rng) => ((float)rng.NextDouble() - 0.5f) * 0.2f;

    private static float Quantise(float v) => MathF.Round(Math.Clamp(v, 0f, 1f) * Levels) / Levels;
}
