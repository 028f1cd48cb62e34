namespace Tdm.Dataset;

/// <summary>
/// The random numbers of one training pair: xoshiro256** seeded by SplitMix64 from (dataset seed, pair index), so a
/// pair's crop and degradation depend on nothing but those two numbers (same seed, same bytes; a resumed build draws
/// exactly what an uninterrupted one would). Our own generator because System.Random's seeded sequence is not a
/// documented contract across .NET versions.
/// </summary>
public sealed class PairRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    /// <summary>The generator of pair <paramref name="pair"/> of a dataset built with <paramref name="seed"/>.</summary>
    public PairRandom(long seed, long pair)
    {
        var x = unchecked(((ulong)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)pair + 0x632BE59BD9B4E019UL));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [min, max].</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>A uniform double in the range.</summary>
    public double Uniform(ParameterRange range) => Uniform(range.Min, range.Max);

    /// <summary>A uniform integer in [0, count).</summary>
    public int NextInt(int count) => count <= 1 ? 0 : (int)(NextDouble() * count);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => p > 0 && NextDouble() < p;

    /// <summary>A standard normal sample (Box-Muller, both values used).</summary>
    public double Gaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        var u = 1.0 - NextDouble(); // (0, 1]: the logarithm stays finite
        var v = NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u));
        _spareGaussian = r * Math.Sin(2 * Math.PI * v);
        return r * Math.Cos(2 * Math.PI * v);
    }

    /// <summary>A Poisson sample of mean <paramref name="lambda"/>: exact (Knuth) below 30, the normal limit above.</summary>
    public double Poisson(double lambda)
    {
        if (lambda <= 0)
            return 0;
        if (lambda >= 30)
            return Math.Max(0, Math.Round(lambda + (Math.Sqrt(lambda) * Gaussian())));
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = NextDouble();
        while (p > limit)
        {
            k++;
            p *= NextDouble();
        }
        return k;
    }

    private ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
