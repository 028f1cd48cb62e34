using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;
using Tdm.Engine.Tests.Checkpoints;
using Xunit.Abstractions;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Graphs;

/// <summary>
/// Networks built from single-file checkpoints (A1111 SD1.5 layout, lllyasviel ControlNet layout) compute exactly
/// what the same weights in the diffusers folder compute: the graphs name the same tensors, only their location
/// differs. fp16 copies of the files stay within half precision.
/// </summary>
public sealed class SingleFileGraphTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Max output error of fp16-stored weights (run in float32) against the float32 weights, relative to the
    /// output's largest magnitude: rounding each weight to 11 significant bits (about 5e-4) accumulates to a few times that
    /// (measured: 4.2e-4 U-Net, 8.1e-4 ControlNet, 1.9e-3 VAE decoder).</summary>
    private const float HalfWeightsTolerance = 3e-3f;

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "tdm-single-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
            Directory.Delete(_temp, recursive: true);
    }

    private static ModelSource Folder() => ModelSource.Open(Tdm.Tests.Golden.Path("models"));

    private static ModelSource Single(string sd15, string controlNet) =>
        ModelSource.Open(sd15, controlNet, SingleFileFixtures.Tokenizer, SingleFileFixtures.GoldenConfigs);

    private static NetworkSession Compile<T>(ComponentSource<T> component, Func<T, ITensorSource, GraphBuilder> build) where T : IModelConfig
    {
        using var loaded = component.Open();
        var graph = build(loaded.Config, loaded.Weights);
        return new SessionFactory(ExecutionDevice.Cpu(2), Path.Combine(Path.GetTempPath(), "tdm-tests-cache")).Create(graph);
    }

    /// <summary>Runs every network of <paramref name="source"/> on the golden vectors; outputs by network/output name.</summary>
    private static Dictionary<string, HostTensor> RunAll(ModelSource source)
    {
        var results = new Dictionary<string, HostTensor>();
        using var unetVectors = Vectors("unet.safetensors");
        using var controlVectors = Vectors("controlnet.safetensors");
        using var vaeVectors = Vectors("vae.safetensors");
        using var textVectors = Vectors("text_encoder.safetensors");

        using (var s = Compile(source.ControlNet!, (c, w) => ControlNetGraph.Build(NetworkSpecs.ControlNet(c), w, TensorType.Float)))
            foreach (var (name, value) in Run(s, (UNetGraph.Sample, Read(controlVectors, "sample")), (UNetGraph.Timestep, Read(controlVectors, "timestep")),
                (UNetGraph.EncoderHiddenStates, Read(controlVectors, "encoder_hidden_states")), (ControlNetGraph.Cond, Read(controlVectors, "controlnet_cond")),
                (ControlNetGraph.Scale, Read(controlVectors, "conditioning_scale")), (UNetGraph.FrameMix, HostTensor.Identity(2))))
                results["controlnet." + name] = value;

        using (var s = Compile(source.UNet, (c, w) => UNetGraph.Build(NetworkSpecs.UNet(c), w, TensorType.Float)))
        {
            var inputs = new List<(string, HostTensor)>
            {
                (UNetGraph.Sample, Read(unetVectors, "sample")), (UNetGraph.Timestep, Read(unetVectors, "timestep")),
                (UNetGraph.EncoderHiddenStates, Read(unetVectors, "encoder_hidden_states")), (UNetGraph.FrameMix, HostTensor.Identity(2)),
                (UNetGraph.MidResidual, Read(controlVectors, "mid_block_res_sample")),
            };
            inputs.AddRange(Enumerable.Range(0, 12).Select(i => (UNetGraph.DownResidual(i), Read(controlVectors, $"down_block_res_samples.{i}"))));
            results["unet"] = Run(s, inputs.ToArray())[UNetGraph.NoisePred];
        }

        using (var s = Compile(source.Vae, (c, w) => VaeGraph.BuildEncoder(NetworkSpecs.Vae(c), w, TensorType.Float)))
            results["vae.latent"] = Run(s, (VaeGraph.Image, Read(vaeVectors, "x")))[VaeGraph.Latent];
        using (var s = Compile(source.Vae, (c, w) => VaeGraph.BuildDecoder(NetworkSpecs.Vae(c), w, TensorType.Float)))
            results["vae.image"] = Run(s, (VaeGraph.Latent, Read(vaeVectors, "scaled_latent")))[VaeGraph.Image];

        using (var s = Compile(source.TextEncoder, (c, w) => ClipTextGraph.Build(NetworkSpecs.ClipText(c), w, TensorType.Float)))
        {
            var ids = textVectors["input_ids"];
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(textVectors.GetBytes(ids)).ToArray();
            using var input = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(values, ids.Shape);
            results["text_encoder"] = RunValues(s, [(ClipTextGraph.InputIds, input)])[ClipTextGraph.LastHiddenState];
        }
        return results;
    }

    [Fact]
    public void SingleFiles_EveryNetwork_ComputesExactlyWhatTheFolderComputes()
    {
        var expected = RunAll(Folder());
        var actual = RunAll(Single(SingleFileFixtures.Sd15, SingleFileFixtures.ControlNet));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, e => Assert.Equal(e.Value.Data, actual[e.Key].Data));
        output.WriteLine($"{expected.Count} outputs bit-identical");
    }

    [Fact]
    public void ControlNetFile_WithoutPrefix_ComputesExactlyWhatTheFolderComputes()
    {
        Directory.CreateDirectory(_temp);
        string stripped = SingleFileFixtures.Rewrite(SingleFileFixtures.ControlNet, Path.Combine(_temp, "control_stripped.safetensors"),
            (t, f) => [SingleFileFixtures.Copy(t, f, t.Name["control_model.".Length..])]);
        var expected = RunAll(Folder());
        var actual = RunAll(Single(SingleFileFixtures.Sd15, stripped));
        Assert.All(expected.Where(e => e.Key.StartsWith("controlnet.", StringComparison.Ordinal)), e => Assert.Equal(e.Value.Data, actual[e.Key].Data));
    }

    [Fact]
    public void SingleFiles_StoredInFloat16_StayWithinHalfPrecision()
    {
        Directory.CreateDirectory(_temp);
        string sd15 = SingleFileFixtures.Rewrite(SingleFileFixtures.Sd15, Path.Combine(_temp, "sd15_fp16.safetensors"),
            (t, f) => [SingleFileFixtures.Convert(t, f, SafetensorsDType.F16)]);
        string control = SingleFileFixtures.Rewrite(SingleFileFixtures.ControlNet, Path.Combine(_temp, "control_fp16.safetensors"),
            (t, f) => [SingleFileFixtures.Convert(t, f, SafetensorsDType.F16)]);
        var expected = RunAll(Folder());
        var actual = RunAll(Single(sd15, control));
        foreach (var (name, value) in expected)
        {
            float err = MaxAbsDiff(actual[name], value) / value.Data.Max(MathF.Abs);
            output.WriteLine($"{name}: fp16 weights relative error {err:E2}");
            Assert.True(err <= HalfWeightsTolerance, $"{name}: fp16 weights relative error {err:E2} > {HalfWeightsTolerance:E0}");
        }
    }
}
