using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;
using Xunit.Abstractions;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;

namespace Tdm.Engine.Tests.Graphs;

public class ControlNetGraphTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void Forward_AllThirteenResiduals_MatchReference()
    {
        using var weights = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "controlnet", "diffusion_pytorch_model.safetensors"));
        using var vectors = Vectors("controlnet.safetensors");
        using var session = Session((w, t) => ControlNetGraph.Build(GoldenSpecs.ControlNet(), w, t), weights, "controlnet");
        var result = Run(session,
            (UNetGraph.Sample, Read(vectors, "sample")),
            (UNetGraph.Timestep, Read(vectors, "timestep")),
            (UNetGraph.EncoderHiddenStates, Read(vectors, "encoder_hidden_states")),
            (ControlNetGraph.Cond, Read(vectors, "controlnet_cond")),
            (ControlNetGraph.Scale, Read(vectors, "conditioning_scale")),
            (UNetGraph.FrameMix, HostTensor.Identity(2)));

        var errors = Enumerable.Range(0, 12)
            .Select(i => (Name: UNetGraph.DownResidual(i), Err: MaxAbsDiff(result[UNetGraph.DownResidual(i)], Read(vectors, $"down_block_res_samples.{i}"))))
            .Append((Name: UNetGraph.MidResidual, Err: MaxAbsDiff(result[UNetGraph.MidResidual], Read(vectors, "mid_block_res_sample"))))
            .ToList();
        foreach (var (name, err) in errors)
            output.WriteLine($"{name}: max abs error {err:E2}");
        Assert.Equal(13, errors.Count);
        Assert.All(errors, e => Assert.True(e.Err <= Tolerance, $"{e.Name}: max abs error {e.Err:E2} > {Tolerance:E0}"));
    }
}
