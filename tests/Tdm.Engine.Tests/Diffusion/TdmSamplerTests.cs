using Microsoft.ML.OnnxRuntime;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Diffusion;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;
using Tdm.Engine.Tests.Graphs;
using Xunit.Abstractions;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;

namespace Tdm.Engine.Tests.Diffusion;

/// <summary>Whole inversion-plus-sampling runs against the reference, latent by latent.</summary>
public class TdmSamplerTests(ITestOutputHelper output)
{
    /// <summary>
    /// Max absolute error of any latent: the golden README's tolerance for latents after 42 network evaluations.
    /// Each network matches to about 1e-6; guidance 7.5 and the 1/sqrt(alpha-bar) of early steps amplify that
    /// rounding step after step (measured: inversion up to 1.6e-5, sampling up to 3.9e-4 on latents of magnitude 9).
    /// </summary>
    private const float LatentTolerance = 1e-3f;

    /// <summary>Max absolute error relative to the largest magnitude of the reference latent at that step.</summary>
    private const float RelativeTolerance = 1e-4f;

    /// <summary>Max absolute error of the decoded frames in [-1, 1].</summary>
    private const float DecodedTolerance = 2e-3f;

    public static TheoryData<string, TemporalMode, TemporalMode> Runs => new()
    {
        { "run_plain", TemporalMode.Off, TemporalMode.Off },
        { "run_swcfa_unet", TemporalMode.SwCfa, TemporalMode.Off },
        { "run_swcfa_unet_controlnet", TemporalMode.SwCfa, TemporalMode.SwCfa },
        { "run_firstref_unet", TemporalMode.FirstFrame, TemporalMode.Off },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_GoldenSettings_EveryLatentMatchesReference(string run, TemporalMode unetMix, TemporalMode controlMix)
    {
        using var reference = SafetensorsFile.Open(Tdm.Tests.Golden.Path("e2e", run + ".safetensors"));
        using var prompts = SafetensorsFile.Open(Tdm.Tests.Golden.Path("e2e", "prompts_and_latents.safetensors"));
        using var video = SafetensorsFile.Open(Tdm.Tests.Golden.Path("e2e", "input_video.safetensors"));
        using var unetFile = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "unet", "diffusion_pytorch_model.safetensors"));
        using var controlFile = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "controlnet", "diffusion_pytorch_model.safetensors"));
        var sessions = new SessionFactory(ExecutionDevice.Cpu(2), Path.Combine(Path.GetTempPath(), "tdm-tests-cache"));
        using var networks = new TdmNetworks(
            Session((w, t) => UNetGraph.Build(GoldenSpecs.UNet(), w, t), unetFile, "unet"),
            Session((w, t) => ControlNetGraph.Build(GoldenSpecs.ControlNet(), w, t), controlFile, "controlnet"),
            sessions);
        using var device = new TensorDevice(sessions);
        var sampler = new TdmSampler(networks, device, DdimScheduler.StableDiffusion15);

        var frames = video["frames_uint8"];
        var control = new HostTensor(video.GetBytes(frames).ToArray().Select(b => b / 255f).ToArray(), frames.Shape);
        var z0 = Read(prompts, "z0");
        var settings = new RestoreSettings { Temporal = unetMix, MixInControlNet = controlMix != TemporalMode.Off, Radius = 2 }.Sampler;
        Assert.Equal(controlMix, settings.ControlNetMixing);
        Assert.Equal(Read(reference, "A").Data, FrameMixingMatrix.Frames(unetMix, 5, 2));

        var expectedInversion = Read(reference, "inversion.latents");
        var expectedSampling = Read(reference, "sampling.latents");
        var observer = new Recorder(device);
        using var latents = z0.AsOrtValue();
        using var final = sampler.Run(latents, control, Read(prompts, "cond.embeds"), Read(prompts, "uncond.embeds"), settings, observer: observer);

        int stride = z0.Data.Length;
        var errors = new List<(string Step, float Error, float Relative)>();
        for (int k = 0; k < 10; k++)
            errors.Add(Compare($"inversion {k}", observer.Inversion[k], expectedInversion.Data.AsSpan((k + 1) * stride, stride)));
        for (int k = 0; k < 32; k++)
            errors.Add(Compare($"sampling {k}", observer.Sampling[k], expectedSampling.Data.AsSpan((k + 1) * stride, stride)));
        output.WriteLine($"{run}: " + string.Join(", ", errors.Select(e => $"{e.Step} {e.Error:E1}")));
        output.WriteLine($"{run}: worst {errors.Max(e => e.Error):E2} abs, {errors.Max(e => e.Relative):E2} relative (inversion {errors.Take(10).Max(e => e.Error):E2})");
        Assert.All(errors, e => Assert.True(e.Error <= LatentTolerance && e.Relative <= RelativeTolerance,
            $"{run} {e.Step}: max abs error {e.Error:E2} (limit {LatentTolerance:E0}), relative {e.Relative:E2} (limit {RelativeTolerance:E0})"));

        if (reference.Tensors.ContainsKey("decoded"))
        {
            using var vaeFile = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "vae", "diffusion_pytorch_model.safetensors"));
            using var decoder = Session((w, t) => VaeGraph.BuildDecoder(GoldenSpecs.Vae(), w, t), vaeFile, "vae");
            var decoded = Run(decoder, (VaeGraph.Latent, HostTensor.From(final)))[VaeGraph.Image];
            float err = MaxAbsDiff(decoded, Read(reference, "decoded"));
            output.WriteLine($"{run}: decoded max abs error {err:E2}");
            Assert.True(err <= DecodedTolerance, $"{run} decoded: max abs error {err:E2} > {DecodedTolerance:E0}");
        }
    }

    private static (string, float, float) Compare(string step, float[] actual, ReadOnlySpan<float> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        float max = 0, magnitude = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(actual[i] - expected[i]));
            magnitude = MathF.Max(magnitude, MathF.Abs(expected[i]));
        }
        return (step, max, max / magnitude);
    }

    private sealed class Recorder(TensorDevice device) : ISamplerObserver
    {
        public List<float[]> Inversion { get; } = [];

        public List<float[]> Sampling { get; } = [];

        public void Inverted(int step, OrtValue latents, OrtValue noisePred) => Inversion.Add(device.Download(latents).Data);

        public void Sampled(int step, OrtValue latents, OrtValue noisePred) => Sampling.Add(device.Download(latents).Data);
    }
}
