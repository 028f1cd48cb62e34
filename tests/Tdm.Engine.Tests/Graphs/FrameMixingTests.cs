using Tdm.Engine.Checkpoints;
using Tdm.Engine.Diffusion;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;
using Xunit.Abstractions;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;

namespace Tdm.Engine.Tests.Graphs;

public class FrameMixingTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-5f;
    private const string Layer = "down_blocks.0.attentions.0.transformer_blocks.0.attn1";

    /// <summary>
    /// The U-Net graph with M = SW-CFA reproduces the reference's keys before and after mixing in the first
    /// self-attention layer, during the first U-Net call of sampling (batch [uncond 5; cond 5]).
    /// </summary>
    [Fact]
    public void UNet_SwCfaMatrix_ReproducesCapturedKeys()
    {
        using var run = SafetensorsFile.Open(Tdm.Tests.Golden.Path("e2e", "run_swcfa_unet.safetensors"));
        using var prompts = SafetensorsFile.Open(Tdm.Tests.Golden.Path("e2e", "prompts_and_latents.safetensors"));
        using var video = SafetensorsFile.Open(Tdm.Tests.Golden.Path("e2e", "input_video.safetensors"));
        using var unetFile = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "unet", "diffusion_pytorch_model.safetensors"));
        using var controlFile = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "controlnet", "diffusion_pytorch_model.safetensors"));

        var m = new HostTensor(FrameMixingMatrix.Batch(FrameMixingMatrix.Frames(TemporalMode.SwCfa, 5, 2), 5, 2), 10, 10);
        Assert.Equal(Read(run, "capture.M").Data, m.Data);

        using var unet = Session((w, t) =>
        {
            return UNetGraph.Build(GoldenSpecs.UNet(), w, t, [$"{Layer}.key_before_mix", $"{Layer}.key_after_mix"]);
        }, unetFile, "unet");
        using var controlnet = Session((w, t) => ControlNetGraph.Build(GoldenSpecs.ControlNet(), w, t), controlFile, "controlnet");

        // Sampling step 0: x = [z; z] with z the inverted latent, t = 962, embeddings [uncond x5; cond x5].
        var z = Read(run, "sampling.latents");
        int n = 5 * 4 * 8 * 16;
        var x = new HostTensor([.. z.Data.AsSpan(0, n), .. z.Data.AsSpan(0, n)], 10, 4, 8, 16);
        var t = new HostTensor(Enumerable.Repeat(962f, 10).ToArray(), 10);
        var uncond = Read(prompts, "uncond.embeds").Data;
        var cond = Read(prompts, "cond.embeds").Data;
        var ehs = new HostTensor([.. Enumerable.Repeat(uncond, 5).SelectMany(a => a), .. Enumerable.Repeat(cond, 5).SelectMany(a => a)], 10, 77, 32);
        var frames = video["frames_uint8"];
        var image = video.GetBytes(frames).ToArray().Select(b => b / 255f).ToArray();
        var control = new HostTensor([.. image, .. image], 10, 3, 64, 128);

        var residuals = Run(controlnet, (UNetGraph.Sample, x), (UNetGraph.Timestep, t), (UNetGraph.EncoderHiddenStates, ehs),
            (ControlNetGraph.Cond, control), (ControlNetGraph.Scale, new HostTensor([1f], 1)), (UNetGraph.FrameMix, HostTensor.Identity(10)));
        var inputs = new List<(string, HostTensor)> { (UNetGraph.Sample, x), (UNetGraph.Timestep, t), (UNetGraph.EncoderHiddenStates, ehs), (UNetGraph.FrameMix, m) };
        inputs.AddRange(residuals.Select(r => (r.Key, r.Value)));
        var result = Run(unet, inputs.ToArray());

        float before = MaxAbsDiff(result[$"{Layer}.key_before_mix"], Read(run, "capture.key_before_mix"));
        float after = MaxAbsDiff(result[$"{Layer}.key_after_mix"], Read(run, "capture.key_after_mix"));
        output.WriteLine($"key before mix {before:E2}, after mix {after:E2}");
        Assert.True(before <= Tolerance, $"key before mix: max abs error {before:E2} > {Tolerance:E0}");
        Assert.True(after <= Tolerance, $"key after mix: max abs error {after:E2} > {Tolerance:E0}");
    }
}
