using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Degradations;

/// <summary>
/// Rain streaks (the common synthesis of Rain100/Rain1400-style data): sparse random seeds, motion-blurred along
/// one angle by a line kernel of the drawn length and width (Gaussian cross-section), form a layer R in [0,1] that is
/// screen-blended over the image: I = 1 - (1 - J)(1 - k R) with brightness k. Records rain_density, rain_length,
/// rain_width, rain_angle (degrees from vertical, positive leaning down-right) and rain_intensity.
/// </summary>
public sealed class RainDegradation(RainRanges ranges) : IDegradation
{
    /// <inheritdoc/>
    public string Name => "derain";

    /// <inheritdoc/>
    public Frame Apply(Frame clean, PairRandom random, DegradationRecord record)
    {
        var density = record.Add("rain_density", Math.Round(random.Uniform(ranges.Density), 5));
        var length = record.Add("rain_length", Math.Round(random.Uniform(ranges.Length), 2));
        var width = record.Add("rain_width", Math.Round(random.Uniform(ranges.Width), 3));
        var angle = record.Add("rain_angle", Math.Round(random.Uniform(ranges.Angle), 2));
        var intensity = record.Add("rain_intensity", Math.Round(random.Uniform(ranges.Intensity), 3));
        var layer = Layer(clean.Width, clean.Height, density, length, width, angle, random);
        var output = clean.Clone();
        var pixels = output.Pixels;
        for (var i = 0; i < layer.Length; i++)
        {
            var r = intensity * layer[i];
            for (var c = 0; c < 3; c++)
                pixels[(i * 4) + c] = (float)(1 - ((1 - pixels[(i * 4) + c]) * (1 - r)));
        }
        return output;
    }

    /// <summary>The streak layer, row-major, in [0, 1].</summary>
    internal static float[] Layer(int w, int h, double density, double length, double width, double angleDegrees, PairRandom random)
    {
        var kernel = LineKernel(length, width, angleDegrees, out var radius);
        var size = (2 * radius) + 1;
        var layer = new float[w * h];
        var seeds = (int)Math.Round(density * w * h);
        for (var s = 0; s < seeds; s++)
        {
            // Splatting the kernel at each seed is the convolution of the sparse seed image, at a fraction of the cost.
            var cx = random.NextInt(w);
            var cy = random.NextInt(h);
            var strength = (float)random.Uniform(0.6, 1.0);
            for (var v = 0; v < size; v++)
            {
                var y = cy + v - radius;
                if ((uint)y >= (uint)h)
                    continue;
                for (var u = 0; u < size; u++)
                {
                    var x = cx + u - radius;
                    if ((uint)x < (uint)w)
                        layer[(y * w) + x] += strength * kernel[(v * size) + u];
                }
            }
        }
        for (var i = 0; i < layer.Length; i++)
            layer[i] = Math.Min(1f, layer[i]);
        return layer;
    }

    // A line of the given length through the centre along (sin a, cos a) (x right, y down), with a Gaussian
    // cross-section of standard deviation width / 2 and peak 1.
    private static float[] LineKernel(double length, double width, double angleDegrees, out int radius)
    {
        radius = (int)Math.Ceiling((length / 2) + width);
        var size = (2 * radius) + 1;
        var a = angleDegrees * Math.PI / 180;
        var (dx, dy) = (Math.Sin(a), Math.Cos(a));
        var sigma = Math.Max(0.3, width / 2);
        var kernel = new float[size * size];
        for (var v = -radius; v <= radius; v++)
        {
            for (var u = -radius; u <= radius; u++)
            {
                var along = (u * dx) + (v * dy);
                var across = (-u * dy) + (v * dx);
                if (Math.Abs(along) <= length / 2)
                    kernel[((v + radius) * size) + u + radius] = (float)Math.Exp(-(across * across) / (2 * sigma * sigma));
            }
        }
        return kernel;
    }
}
