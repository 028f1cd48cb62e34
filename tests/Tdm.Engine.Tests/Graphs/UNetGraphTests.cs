using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;
using Xunit.Abstractions;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;

namespace Tdm.Engine.Tests.Graphs;

public class UNetGraphTests(ITestOutputHelper output)
{
    /// <summary>Max absolute error allowed against the reference's float32 forward pass.</summary>
    private const float Tolerance = 1e-4f;

    private static NetworkSession Build(SafetensorsFile weights) =>
        Session((w, t) => UNetGraph.Build(GoldenSpecs.UNet(), w, t), weights, "unet");

    private static (string, HostTensor)[] Inputs(SafetensorsFile vectors, Func<int, HostTensor> residual, HostTensor mid)
    {
        var spec = GoldenSpecs.UNet().Encoder;
        var inputs = new List<(string, HostTensor)>
        {
            (UNetGraph.Sample, Read(vectors, "sample")),
            (UNetGraph.Timestep, Read(vectors, "timestep")),
            (UNetGraph.EncoderHiddenStates, Read(vectors, "encoder_hidden_states")),
            (UNetGraph.MidResidual, mid),
            (UNetGraph.FrameMix, HostTensor.Identity(2)),
        };
        inputs.AddRange(spec.SkipChannels.Select((_, i) => (UNetGraph.DownResidual(i), residual(i))));
        return inputs.ToArray();
    }

    [Fact]
    public void Forward_WithoutResiduals_MatchesReference()
    {
        using var weights = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "unet", "diffusion_pytorch_model.safetensors"));
        using var vectors = Vectors("unet.safetensors");
        using var controlnet = Vectors("controlnet.safetensors");
        using var session = Build(weights);
        // Zero residuals: adding 0.0 is exact, so this is the plain U-Net.
        var result = Run(session, Inputs(vectors,
            i => new HostTensor(Read(controlnet, $"down_block_res_samples.{i}").Shape),
            new HostTensor(Read(controlnet, "mid_block_res_sample").Shape)));
        float err = MaxAbsDiff(result[UNetGraph.NoisePred], Read(vectors, "out"));
        output.WriteLine($"U-Net max abs error {err:E2}");
        Assert.True(err <= Tolerance, $"U-Net max abs error {err:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void Forward_WithControlNetResiduals_MatchesReference()
    {
        using var weights = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "unet", "diffusion_pytorch_model.safetensors"));
        using var vectors = Vectors("unet.safetensors");
        using var controlnet = Vectors("controlnet.safetensors");
        using var session = Build(weights);
        var result = Run(session, Inputs(vectors,
            i => Read(controlnet, $"down_block_res_samples.{i}"),
            Read(controlnet, "mid_block_res_sample")));
        float err = MaxAbsDiff(result[UNetGraph.NoisePred], Read(vectors, "with_controlnet.out"));
        output.WriteLine($"U-Net + residuals max abs error {err:E2}");
        Assert.True(err <= Tolerance, $"U-Net + residuals max abs error {err:E2} > {Tolerance:E0}");
    }
}
