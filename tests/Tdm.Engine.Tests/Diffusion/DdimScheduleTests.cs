using Tdm.Engine.Checkpoints;
using Tdm.Engine.Diffusion;
using Xunit.Abstractions;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;

namespace Tdm.Engine.Tests.Diffusion;

public class DdimScheduleTests(ITestOutputHelper output)
{
    /// <summary>Max relative error of alphas against the reference (the issue asks for 1e-6).</summary>
    private const double AlphaTolerance = 1e-6;

    private static long[] Longs(SafetensorsFile f, string name) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(f.GetBytes(f[name])).ToArray();

    private static double MaxRelative(IEnumerable<float> actual, float[] expected) =>
        actual.Zip(expected).Max(p => Math.Abs(p.First - p.Second) / Math.Max(Math.Abs(p.Second), 1e-30));

    [Fact]
    public void NoiseSchedule_SD15_MatchesBetasAndAlphasCumprod()
    {
        using var v = Vectors("scheduler.safetensors");
        var noise = new NoiseSchedule();
        double betas = MaxRelative(noise.Betas, v.ReadSingles("betas"));
        double alphas = MaxRelative(noise.AlphasCumprod, v.ReadSingles("alphas_cumprod"));
        output.WriteLine($"betas {betas:E2}, alphas_cumprod {alphas:E2} relative");
        Assert.True(betas <= AlphaTolerance, $"betas relative error {betas:E2} > {AlphaTolerance:E0}");
        Assert.True(alphas <= AlphaTolerance, $"alphas_cumprod relative error {alphas:E2} > {AlphaTolerance:E0}");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(32)]
    [InlineData(50)]
    public void Sampling_Steps_TimestepsExactAndAlphasClose(int n)
    {
        using var v = Vectors("scheduler.safetensors");
        var schedule = DdimScheduler.StableDiffusion15.Sampling(n);
        Assert.Equal(Longs(v, $"ddim.{n}.timesteps"), schedule.Timesteps.Select(t => (long)t));
        Assert.Equal(Longs(v, $"ddim.{n}.prev_timestep"), Enumerable.Range(0, n).Select(k => (long)schedule.PreviousTimestep(k)));
        double at = MaxRelative(Enumerable.Range(0, n).Select(k => schedule.Step(k).AlphaSource), v.ReadSingles($"ddim.{n}.alpha_prod_t"));
        double ap = MaxRelative(Enumerable.Range(0, n).Select(k => schedule.Step(k).AlphaTarget), v.ReadSingles($"ddim.{n}.alpha_prod_t_prev"));
        Assert.True(at <= AlphaTolerance && ap <= AlphaTolerance, $"alpha_prod_t {at:E2}, alpha_prod_t_prev {ap:E2} > {AlphaTolerance:E0}");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(32)]
    [InlineData(50)]
    public void Inversion_Steps_TimestepsExactAndAlphasClose(int n)
    {
        using var v = Vectors("scheduler.safetensors");
        var schedule = DdimScheduler.StableDiffusion15.Inversion(n);
        Assert.Equal(Longs(v, $"inverse.{n}.timesteps"), schedule.Timesteps.Select(t => (long)t));
        Assert.Equal(Longs(v, $"inverse.{n}.source_timestep"), Enumerable.Range(0, n).Select(k => (long)schedule.SourceTimestep(k)));
        double src = MaxRelative(Enumerable.Range(0, n).Select(k => schedule.Step(k).AlphaSource), v.ReadSingles($"inverse.{n}.alpha_prod_source"));
        double dst = MaxRelative(Enumerable.Range(0, n).Select(k => schedule.Step(k).AlphaTarget), v.ReadSingles($"inverse.{n}.alpha_prod_target"));
        Assert.True(src <= AlphaTolerance && dst <= AlphaTolerance, $"alpha_prod_source {src:E2}, alpha_prod_target {dst:E2} > {AlphaTolerance:E0}");
    }

    [Fact]
    public void Sampling_ZeroSteps_IsRefusedWithTheRange()
    {
        var e = Assert.Throws<TdmException>(() => DdimScheduler.StableDiffusion15.Sampling(0));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
        Assert.Contains("1..1000", e.Message);
    }

    [Fact]
    public void Sampling_StepsThatTheOffsetPushesPastTheSchedule_BadArgumentNotACrash()
    {
        // Found by the config fuzzer: leading spacing adds steps_offset, so SD1.5's offset 1 with 1000 steps asks for
        // timestep 1000 of 0..999 (an IndexOutOfRangeException before).
        var e = Assert.Throws<TdmException>(() => DdimScheduler.StableDiffusion15.Sampling(1000));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
        Assert.Contains("reach timestep 1000, past its 1000 training timesteps: use fewer steps", e.Message);
        Assert.Throws<TdmException>(() => DdimScheduler.StableDiffusion15.Inversion(1000));
        Assert.Equal(999, DdimScheduler.StableDiffusion15.Sampling(500).Timesteps[0]);
    }
}
