using Tdm.Engine.Diffusion;
using Tdm.Engine.Runtime;
using Xunit.Abstractions;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;

namespace Tdm.Engine.Tests.Diffusion;

public class DdimStepTests(ITestOutputHelper output)
{
    /// <summary>Error of one step against diffusers' DDIMScheduler.step / DDIMInverseScheduler.step, relative to the
    /// largest magnitude of the expected tensor (a few float32 ulps; the predicted x0 is up to 14 times larger than x).</summary>
    private const float Tolerance = 1e-6f;

    private static Dictionary<string, HostTensor> Step(DdimCoefficients c, HostTensor x, HostTensor e)
    {
        var sessions = new SessionFactory(ExecutionDevice.Cpu(1), Path.GetTempPath());
        using var session = sessions.Create(DdimStep.Build(1, 1));
        return Run(session, (DdimStep.Latents, x), (DdimStep.NoisePred, e), (DdimStep.Guidance, new HostTensor([1f], 1)),
            (DdimStep.SqrtAlphaSource, new HostTensor([c.SqrtAlphaSource], 1)), (DdimStep.SqrtOneMinusAlphaSource, new HostTensor([c.SqrtOneMinusAlphaSource], 1)),
            (DdimStep.SqrtAlphaTarget, new HostTensor([c.SqrtAlphaTarget], 1)), (DdimStep.SqrtOneMinusAlphaTarget, new HostTensor([c.SqrtOneMinusAlphaTarget], 1)));
    }

    private static float MaxRow(HostTensor actual, HostTensor expected, int row)
    {
        int n = actual.Data.Length;
        return Enumerable.Range(0, n).Max(i => MathF.Abs(actual.Data[i] - expected.Data[(row * n) + i]));
    }

    private static float MaxMagnitude(HostTensor t, int row)
    {
        int n = t.Data.Length / (int)t.Shape[0];
        return t.Data.AsSpan(row * n, n).ToArray().Max(MathF.Abs);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(32)]
    public void Sampling_EveryStep_MatchesPrevSampleAndPredictedOriginal(int n)
    {
        using var v = Vectors("scheduler.safetensors");
        var x = Read(v, "step_test.sample");
        var e = Read(v, "step_test.model_output");
        var prev = Read(v, $"ddim.{n}.step_test.prev_sample");
        var original = Read(v, $"ddim.{n}.step_test.pred_original_sample");
        var schedule = DdimScheduler.StableDiffusion15.Sampling(n);
        for (int k = 0; k < n; k++)
        {
            var result = Step(schedule.Step(k), x, e);
            float errPrev = MaxRow(result[DdimStep.NextLatents], prev, k) / MaxMagnitude(prev, k);
            float errOriginal = MaxRow(result[DdimStep.PredOriginal], original, k) / MaxMagnitude(original, k);
            output.WriteLine($"step {k} (t={schedule.Timesteps[k]}): prev_sample {errPrev:E2} relative, pred_original {errOriginal:E2} relative");
            Assert.True(errPrev <= Tolerance, $"step {k}: prev_sample relative error {errPrev:E2} > {Tolerance:E0}");
            Assert.True(errOriginal <= Tolerance, $"step {k}: pred_original relative error {errOriginal:E2} > {Tolerance:E0}");
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(32)]
    public void Inversion_EveryStep_MatchesNextSample(int n)
    {
        using var v = Vectors("scheduler.safetensors");
        var x = Read(v, "step_test.sample");
        var e = Read(v, "step_test.model_output");
        var next = Read(v, $"inverse.{n}.step_test.next_sample");
        var schedule = DdimScheduler.StableDiffusion15.Inversion(n);
        float worst = Enumerable.Range(0, n).Max(k => MaxRow(Step(schedule.Step(k), x, e)[DdimStep.NextLatents], next, k) / MaxMagnitude(next, k));
        output.WriteLine($"{n} inversion steps: worst {worst:E2} relative");
        Assert.True(worst <= Tolerance, $"inverse DDIM step relative error {worst:E2} > {Tolerance:E0}");
    }
}
