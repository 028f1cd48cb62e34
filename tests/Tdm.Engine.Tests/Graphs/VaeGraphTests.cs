using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;
using Xunit.Abstractions;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;

namespace Tdm.Engine.Tests.Graphs;

public class VaeGraphTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    private static SafetensorsFile Weights() => SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "vae", "diffusion_pytorch_model.safetensors"));

    [Fact]
    public void Encode_MomentsAndScaledLatent_MatchReference()
    {
        using var weights = Weights();
        using var vectors = Vectors("vae.safetensors");
        using var session = Session((w, t) => VaeGraph.BuildEncoder(GoldenSpecs.Vae(), w, t), weights, "vae");
        var result = Run(session, (VaeGraph.Image, Read(vectors, "x")));
        float moments = MaxAbsDiff(result[VaeGraph.Moments], Read(vectors, "moments"));
        float latent = MaxAbsDiff(result[VaeGraph.Latent], Read(vectors, "scaled_latent"));
        output.WriteLine($"moments {moments:E2}, scaled latent {latent:E2}");
        Assert.True(moments <= Tolerance, $"moments max abs error {moments:E2} > {Tolerance:E0}");
        Assert.True(latent <= Tolerance, $"scaled latent max abs error {latent:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void Decode_FromMean_MatchesReference()
    {
        using var weights = Weights();
        using var vectors = Vectors("vae.safetensors");
        using var session = Session((w, t) => VaeGraph.BuildDecoder(GoldenSpecs.Vae(), w, t), weights, "vae");
        // The reference decodes the unscaled mean; the graph takes the scaled latent and divides it back.
        var mean = Read(vectors, "mean");
        var scaled = new HostTensor(mean.Data.Select(v => v * GoldenSpecs.Vae().ScalingFactor).ToArray(), mean.Shape);
        var result = Run(session, (VaeGraph.Latent, scaled));
        float err = MaxAbsDiff(result[VaeGraph.Image], Read(vectors, "decoded_from_mean"));
        output.WriteLine($"decoded max abs error {err:E2}");
        Assert.True(err <= Tolerance, $"decoded max abs error {err:E2} > {Tolerance:E0}");
    }
}
