using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;
using Xunit.Abstractions;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;

namespace Tdm.Engine.Tests.Graphs;

/// <summary>
/// The float16 graphs the GPU runs, checked here on the CPU (ONNX Runtime inserts casts around kernels it lacks in
/// half precision): weights converted into the cached fp16 blob, float32 inputs and outputs cast at the boundary.
/// </summary>
public class HalfPrecisionTests(ITestOutputHelper output)
{
    /// <summary>Max absolute error of a float16 forward pass against the float32 reference: half precision keeps
    /// about 3 decimal digits, and the tiny networks' outputs are of order 1.</summary>
    private const float Tolerance = 1e-2f;

    [Fact]
    public void UNet_Float16_MatchesReferenceWithinHalfPrecision()
    {
        using var weights = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "unet", "diffusion_pytorch_model.safetensors"));
        using var vectors = Vectors("unet.safetensors");
        using var controlnet = Vectors("controlnet.safetensors");
        using var session = Session((w, t) => UNetGraph.Build(GoldenSpecs.UNet(), w, t), weights, "unet", TensorType.Float16);
        var inputs = new List<(string, HostTensor)>
        {
            (UNetGraph.Sample, Read(vectors, "sample")), (UNetGraph.Timestep, Read(vectors, "timestep")),
            (UNetGraph.EncoderHiddenStates, Read(vectors, "encoder_hidden_states")), (UNetGraph.FrameMix, HostTensor.Identity(2)),
            (UNetGraph.MidResidual, Read(controlnet, "mid_block_res_sample")),
        };
        inputs.AddRange(Enumerable.Range(0, 12).Select(i => (UNetGraph.DownResidual(i), Read(controlnet, $"down_block_res_samples.{i}"))));
        float err = MaxAbsDiff(Run(session, inputs.ToArray())[UNetGraph.NoisePred], Read(vectors, "with_controlnet.out"));
        output.WriteLine($"U-Net float16 max abs error {err:E2}");
        Assert.True(err <= Tolerance, $"U-Net float16 max abs error {err:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void VaeDecoder_Float16_MatchesReferenceWithinHalfPrecision()
    {
        using var weights = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "vae", "diffusion_pytorch_model.safetensors"));
        using var vectors = Vectors("vae.safetensors");
        using var session = Session((w, t) => VaeGraph.BuildDecoder(GoldenSpecs.Vae(), w, t), weights, "vae", TensorType.Float16);
        var mean = Read(vectors, "mean");
        var scaled = new HostTensor(mean.Data.Select(v => v * GoldenSpecs.Vae().ScalingFactor).ToArray(), mean.Shape);
        float err = MaxAbsDiff(Run(session, (VaeGraph.Latent, scaled))[VaeGraph.Image], Read(vectors, "decoded_from_mean"));
        output.WriteLine($"VAE decoder float16 max abs error {err:E2}");
        Assert.True(err <= Tolerance, $"VAE decoder float16 max abs error {err:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void ControlNet_Float16_MatchesReferenceWithinHalfPrecision()
    {
        using var weights = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "controlnet", "diffusion_pytorch_model.safetensors"));
        using var vectors = Vectors("controlnet.safetensors");
        using var session = Session((w, t) => ControlNetGraph.Build(GoldenSpecs.ControlNet(), w, t), weights, "controlnet", TensorType.Float16);
        var result = Run(session, (UNetGraph.Sample, Read(vectors, "sample")), (UNetGraph.Timestep, Read(vectors, "timestep")),
            (UNetGraph.EncoderHiddenStates, Read(vectors, "encoder_hidden_states")), (ControlNetGraph.Cond, Read(vectors, "controlnet_cond")),
            (ControlNetGraph.Scale, Read(vectors, "conditioning_scale")), (UNetGraph.FrameMix, HostTensor.Identity(2)));
        float err = Enumerable.Range(0, 12).Max(i => MaxAbsDiff(result[UNetGraph.DownResidual(i)], Read(vectors, $"down_block_res_samples.{i}")));
        output.WriteLine($"ControlNet float16 max abs error {err:E2}");
        Assert.True(err <= Tolerance, $"ControlNet float16 max abs error {err:E2} > {Tolerance:E0}");
    }
}
