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

    [Theory]
    [InlineData(TemporalMode.SwCfa)]
    [InlineData(TemporalMode.FirstFrame)]
    [InlineData(TemporalMode.Off)]
    public void Frames_Shots_IsBlockDiagonalOfEachShotsMatrix(TemporalMode mode)
    {
        // Shots of 3 and 5 frames: each block is the matrix of a clip of that length (windows clamped at the cut).
        var a = FrameMixingMatrix.Frames(mode, [3, 5], 2);
        var first = FrameMixingMatrix.Frames(mode, 3, 2);
        var second = FrameMixingMatrix.Frames(mode, 5, 2);
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 8; j++)
            {
                float expected = (i < 3, j < 3) switch
                {
                    (true, true) => first[(i * 3) + j],
                    (false, false) => second[((i - 3) * 5) + j - 3],
                    _ => 0f,
                };
                Assert.True(a[(i * 8) + j] == expected, $"A[{i},{j}] = {a[(i * 8) + j]}, expected {expected}");
            }
        Assert.Equal(FrameMixingMatrix.Frames(mode, 8, 2), FrameMixingMatrix.Frames(mode, [8], 2));
    }
}
