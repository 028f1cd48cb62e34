using Tdm.Engine.Diffusion;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;

namespace Tdm.Engine.Tests.Diffusion;

public class FrameMixingMatrixTests
{
    private const float Tolerance = 1e-7f;

    [Theory]
    [InlineData("A.identity", TemporalMode.Off, 5, 2)]
    [InlineData("A.swcfa", TemporalMode.SwCfa, 5, 2)]
    [InlineData("A.firstref", TemporalMode.FirstFrame, 5, 2)]
    [InlineData("A.swcfa.r1", TemporalMode.SwCfa, 5, 1)]
    [InlineData("A.swcfa.r3", TemporalMode.SwCfa, 5, 3)]
    [InlineData("A.swcfa.F15_r3", TemporalMode.SwCfa, 15, 3)]
    public void Frames_Mode_MatchesReference(string name, TemporalMode mode, int frames, int radius)
    {
        using var v = Vectors("attention_mix.safetensors");
        var expected = v.ReadSingles(name);
        var actual = FrameMixingMatrix.Frames(mode, frames, radius);
        Assert.All(actual.Zip(expected), p => Assert.InRange(p.First - p.Second, -Tolerance, Tolerance));
    }

    [Theory]
    [InlineData("identity", TemporalMode.Off)]
    [InlineData("swcfa", TemporalMode.SwCfa)]
    [InlineData("firstref", TemporalMode.FirstFrame)]
    public void Batch_TwoGroups_IsKroneckerOfIdentityAndA(string mode, TemporalMode temporal)
    {
        using var v = Vectors("attention_mix.safetensors");
        var actual = FrameMixingMatrix.Batch(FrameMixingMatrix.Frames(temporal, 5, 2), 5, 2);
        Assert.All(actual.Zip(v.ReadSingles($"M_cfg.{mode}")), p => Assert.InRange(p.First - p.Second, -Tolerance, Tolerance));
    }

    [Fact]
    public void SwCfa_EveryRow_SumsToOne()
    {
        var a = FrameMixingMatrix.Frames(TemporalMode.SwCfa, 16, 3);
        for (int i = 0; i < 16; i++)
            Assert.InRange(a.AsSpan(i * 16, 16).ToArray().Sum(), 1f - 1e-6f, 1f + 1e-6f);
    }
}
