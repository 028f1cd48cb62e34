namespace Tdm.Engine.Graphs.Layers;

/// <summary>diffusers' Timesteps (sinusoidal projection) followed by TimestepEmbedding (linear_1, SiLU, linear_2).</summary>
internal static class TimestepEmbedding
{
    /// <summary>
    /// timestep: [B] float32 -> [B, tembDim] in the compute type. The projection runs in float32 (t up to 999
    /// times a frequency needs the mantissa) and is cast afterwards.
    /// </summary>
    public static Value Build(Nn nn, string key, Value timestep, int channels, int tembDim, bool flipSinToCos, float freqShift)
    {
        var g = nn.G;
        int half = channels / 2;
        // exponent_i = -ln(10000) * i / (half - shift), computed in float32 as torch does.
        var frequencies = new float[half];
        float logMax = -MathF.Log(10000f);
        for (int i = 0; i < half; i++)
            frequencies[i] = MathF.Exp(logMax * i / (half - freqShift));
        var angles = g.Mul(g.Unsqueeze(timestep, 1), g.ConstantFloat32(frequencies, 1, half));     // [B, half]
        var (sin, cos) = (g.Sin(angles), g.Cos(angles));
        var projection = flipSinToCos ? g.Concat(-1, cos, sin) : g.Concat(-1, sin, cos);           // [B, channels]
        var h = nn.Linear($"{key}.linear_1", g.ToCompute(projection), channels, tembDim);
        return nn.Linear($"{key}.linear_2", g.Silu(h), tembDim, tembDim);
    }
}
