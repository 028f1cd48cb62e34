using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Engine.Tests.Video;

/// <summary>Clips for tests: frames in memory, with a count of reads.</summary>
internal sealed class MemoryClip(IReadOnlyList<Frame> frames) : IClip
{
    private int _reads;

    public int Length => frames.Count;

    public int Reads => _reads;

    public Frame ReadFrame(int index)
    {
        Interlocked.Increment(ref _reads);
        return frames[index];
    }

    /// <summary>A deterministic moving pattern with noise: <paramref name="count"/> frames of width x height.</summary>
    public static MemoryClip Generated(int count, int width = 128, int height = 64, int seed = 1)
    {
        var random = new Random(seed);
        var frames = new Frame[count];
        for (int t = 0; t < count; t++)
        {
            var f = new Frame(width, height);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    var p = f[x, y];
                    bool square = Math.Abs(x - (20 + (3 * t))) < 10 && Math.Abs(y - 32) < 10;
                    p[0] = Math.Clamp((x / (float)width) + (float)((random.NextDouble() - 0.5) * 0.2), 0, 1);
                    p[1] = square ? 0.9f : Math.Clamp((y / (float)height) + (float)((random.NextDouble() - 0.5) * 0.2), 0, 1);
                    p[2] = (float)(0.5 + (0.4 * Math.Sin((x + t) * 0.2)));
                    p[3] = 1f;
                }
            frames[t] = f;
        }
        return new MemoryClip(frames);
    }
}
