using Tdm.Engine;
using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Degradations;

/// <summary>
/// The super-resolution input as inference sees it: blur (Gaussian), downscale by the factor, optionally noise and
/// codec compression at the low resolution, then upscale back to the crop's size with the engine's resampler (the
/// one <c>tdm restore --task sr</c> applies to its input). Records sr_factor, sr_blur_sigma, then the noise_* and
/// mp4_* keys of the optional steps under the sr_ prefix.
/// </summary>
public sealed class SuperResolutionDegradation(SuperResolutionRanges ranges, NoiseDegradation noise, CompressionDegradation compression) : IDegradation
{
    /// <inheritdoc/>
    public string Name => "sr";

    /// <inheritdoc/>
    public Frame Apply(Frame clean, PairRandom random, DegradationRecord record)
    {
        var factor = record.Add("sr_factor", ranges.Factor);
        if (factor < 1 || clean.Width % (2 * factor) != 0 || clean.Height % (2 * factor) != 0)
            throw new TdmException(TdmErrorKind.BadArgument, $"a {clean.Width}x{clean.Height} crop cannot be downscaled by {factor} to an even size: choose a crop size that is a multiple of {2 * factor}");
        var sigma = record.Add("sr_blur_sigma", Math.Round(random.Uniform(ranges.BlurSigma), 4));
        var low = GaussianBlur(clean, sigma).Resized(clean.Width / factor, clean.Height / factor);
        Clip(low);
        var noisy = random.Chance(ranges.NoiseProbability);
        var compressed = random.Chance(ranges.CompressionProbability);
        if (noisy)
            low = noise.Apply(low, random, record);
        if (compressed)
            low = compression.Apply(low, random, record);
        var output = low.Resized(clean.Width, clean.Height);
        Clip(output);
        return output;
    }

    /// <summary>A separable Gaussian blur (kernel radius 3 sigma, edges clamped).</summary>
    internal static Frame GaussianBlur(Frame source, double sigma)
    {
        var radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var weights = new float[(2 * radius) + 1];
        for (var i = -radius; i <= radius; i++)
            weights[i + radius] = (float)Math.Exp(-(i * i) / (2 * sigma * sigma));
        var sum = weights.Sum();
        for (var i = 0; i < weights.Length; i++)
            weights[i] /= sum;
        var horizontal = Pass(source, weights, radius, dx: 1, dy: 0);
        return Pass(horizontal, weights, radius, dx: 0, dy: 1);
    }

    private static Frame Pass(Frame source, float[] weights, int radius, int dx, int dy)
    {
        var output = new Frame(source.Width, source.Height);
        for (var y = 0; y < source.Height; y++)
        {
            for (var x = 0; x < source.Width; x++)
            {
                var target = output[x, y];
                for (var k = -radius; k <= radius; k++)
                {
                    var sx = Math.Clamp(x + (k * dx), 0, source.Width - 1);
                    var sy = Math.Clamp(y + (k * dy), 0, source.Height - 1);
                    var pixel = source[sx, sy];
                    var w = weights[k + radius];
                    for (var c = 0; c < 4; c++)
                        target[c] += w * pixel[c];
                }
            }
        }
        return output;
    }

    private static void Clip(Frame frame)
    {
        var pixels = frame.Pixels;
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = Math.Clamp(pixels[i], 0f, 1f);
    }
}
