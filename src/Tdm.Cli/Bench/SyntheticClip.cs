using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Cli.Bench;

/// <summary>
/// A deterministic clip made in memory for benchmarks: a colour gradient with a square moving across it and fixed
/// per-pixel noise, so neighbouring frames are alike (as in video) without being identical. No file I/O is timed.
/// </summary>
internal sealed class SyntheticClip : IClip
{
    private readonly Frame[] _frames;

    private SyntheticClip(Frame[] frames) => _frames = frames;

    /// <summary>Slow colour gradients drifting a pixel a frame: no edges of their own for a tile seam to hide behind.</summary>
    public static SyntheticClip Smooth(int length, int width, int height) => new([.. Enumerable.Range(0, length).Select(t =>
    {
        var f = new Frame(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var p = f[x, y];
                p[0] = (float)(0.5 + (0.3 * Math.Sin((x + t) / 57.0)));
                p[1] = (float)(0.5 + (0.3 * Math.Cos((y - t) / 41.0)));
                p[2] = (float)(0.4 + (0.2 * Math.Sin((x + y) / 73.0)));
                p[3] = 1f;
            }
        return f;
    })]);

    /// <summary>Makes <paramref name="length"/> frames of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public SyntheticClip(int length, int width, int height)
    {
        _frames = new Frame[length];
        var state = 0x9E3779B97F4A7C15UL;
        var noise = new float[width * height];
        for (var i = 0; i < noise.Length; i++)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            noise[i] = ((state >> 40) / (float)(1 << 24) - 0.5f) * 0.1f;
        }
        var side = Math.Max(4, Math.Min(width, height) / 4);
        for (var t = 0; t < length; t++)
        {
            var frame = new Frame(width, height);
            var squareX = (t * 7) % Math.Max(1, width - side);
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                {
                    var inSquare = x >= squareX && x < squareX + side && y >= height / 3 && y < (height / 3) + side;
                    var n = noise[(y * width) + x];
                    var pixel = frame[x, y];
                    pixel[0] = Math.Clamp((inSquare ? 0.9f : (float)x / width) + n, 0f, 1f);
                    pixel[1] = Math.Clamp((inSquare ? 0.2f : (float)y / height) + n, 0f, 1f);
                    pixel[2] = Math.Clamp((inSquare ? 0.1f : 0.5f) + n, 0f, 1f);
                    pixel[3] = 1f;
                }
            _frames[t] = frame;
        }
    }

    /// <inheritdoc/>
    public int Length => _frames.Length;

    /// <inheritdoc/>
    public Frame ReadFrame(int index) => _frames[index];
}
