using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Degradations;

/// <summary>
/// Haze by the atmospheric scattering model (Koschmieder; RESIDE's synthesis): I = J t + A (1 - t) with
/// transmission t = exp(-beta d). Without a depth map the depth proxy is d(y) = 1 - 0.8 y / (H - 1): far (1) at the
/// top of the crop, near (0.2) at the bottom, the ground-plane prior of outdoor footage (the sky and the horizon are
/// usually above). With a depth map (grey, white far) d = 0.2 + 0.8 v of its value v, the same range. Records
/// haze_airlight, haze_beta and haze_depth (proxy|map); t at any pixel follows from them and <see cref="Depth"/>.
/// </summary>
public sealed class HazeDegradation(HazeRanges ranges) : IDegradation
{
    /// <inheritdoc/>
    public string Name => "dehaze";

    /// <summary>The depth proxy of row <paramref name="y"/> of a crop <paramref name="height"/> rows high.</summary>
    public static double Depth(int y, int height) => 1 - (0.8 * y / Math.Max(1, height - 1));

    /// <summary>The transmission t = exp(-beta d) of row <paramref name="y"/>.</summary>
    public static double Transmission(double beta, int y, int height) => Math.Exp(-beta * Depth(y, height));

    /// <summary>The depth of a depth map's value (white far), in the proxy's range [0.2, 1].</summary>
    public static double DepthOfMap(float value) => 0.2 + (0.8 * Math.Clamp(value, 0f, 1f));

    /// <inheritdoc/>
    public Frame Apply(Frame clean, PairRandom random, DegradationRecord record) => Apply(clean, null, random, record);

    /// <summary>Haze over <paramref name="clean"/> with depth from <paramref name="depth"/> (its red channel; same size), or the proxy when null.</summary>
    public Frame Apply(Frame clean, Frame? depth, PairRandom random, DegradationRecord record)
    {
        var airlight = record.Add("haze_airlight", Math.Round(random.Uniform(ranges.Airlight), 4));
        var beta = record.Add("haze_beta", Math.Round(random.Uniform(ranges.Beta), 4));
        record.Add("haze_depth", depth is null ? "proxy" : "map");
        var output = clean.Clone();
        for (var y = 0; y < clean.Height; y++)
        {
            var rowT = Transmission(beta, y, clean.Height);
            for (var x = 0; x < clean.Width; x++)
            {
                var t = depth is null ? rowT : Math.Exp(-beta * DepthOfMap(depth[x, y][0]));
                var pixel = output[x, y];
                for (var c = 0; c < 3; c++)
                    pixel[c] = (float)((pixel[c] * t) + (airlight * (1 - t)));
            }
        }
        return output;
    }
}
