using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Degradations;

/// <summary>
/// Sensor noise, additive Gaussian or signal-dependent Poisson (shot noise), colour or grey, as in Real-ESRGAN:
/// Gaussian y = x + (sigma / 255) n with n ~ N(0, 1); Poisson y = x + scale (P(255 x) / 255 - x), whose standard
/// deviation at x is scale sqrt(x / 255). The result is clipped to [0, 1]. Records noise (gaussian|poisson),
/// noise_grey, and noise_sigma (on 0-255) or noise_poisson_scale, under <paramref name="prefix"/>.
/// </summary>
public sealed class NoiseDegradation(NoiseRanges ranges, string prefix = "noise") : IDegradation
{
    /// <inheritdoc/>
    public string Name => "denoise";

    /// <inheritdoc/>
    public Frame Apply(Frame clean, PairRandom random, DegradationRecord record)
    {
        var poisson = random.Chance(ranges.PoissonProbability);
        record.Add(prefix, poisson ? "poisson" : "gaussian");
        var grey = record.Add(prefix + "_grey", random.Chance(ranges.GreyProbability));
        var output = clean.Clone();
        var pixels = output.Pixels;
        if (poisson)
        {
            var scale = record.Add(prefix + "_poisson_scale", Math.Round(random.Uniform(ranges.PoissonScale), 4));
            for (var p = 0; p < pixels.Length; p += 4)
            {
                if (grey)
                {
                    // Grey shot noise: one count on the pixel's luma, the same offset on every channel.
                    var luma = (0.299 * pixels[p]) + (0.587 * pixels[p + 1]) + (0.114 * pixels[p + 2]);
                    var offset = scale * ((random.Poisson(255 * luma) / 255) - luma);
                    for (var c = 0; c < 3; c++)
                        pixels[p + c] = Clip(pixels[p + c] + offset);
                }
                else
                {
                    for (var c = 0; c < 3; c++)
                        pixels[p + c] = Clip(pixels[p + c] + (scale * ((random.Poisson(255.0 * pixels[p + c]) / 255) - pixels[p + c])));
                }
            }
        }
        else
        {
            var sigma = record.Add(prefix + "_sigma", Math.Round(random.Uniform(ranges.GaussianSigma), 4)) / 255;
            for (var p = 0; p < pixels.Length; p += 4)
            {
                var shared = grey ? sigma * random.Gaussian() : 0;
                for (var c = 0; c < 3; c++)
                    pixels[p + c] = Clip(pixels[p + c] + (grey ? shared : sigma * random.Gaussian()));
            }
        }
        return output;
    }

    private static float Clip(double value) => (float)Math.Clamp(value, 0, 1);
}
