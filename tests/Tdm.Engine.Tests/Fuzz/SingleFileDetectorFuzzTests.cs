using CsCheck;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Configs;
using Tdm.Engine.Models;
using Tdm.Tests.Fuzz;

namespace Tdm.Engine.Tests.Fuzz;

/// <summary>
/// Fuzzes the single-file detector: what a file is from its key names (<see cref="SingleFileProbe"/>), then each
/// network's architecture from shapes and key counts (<see cref="SingleFileArchitecture"/>), validated, and the
/// graphs' tensor list for it, as opening and inspecting a single file do. Any tensor list is either described or
/// refused with a <see cref="CheckpointException"/>; an IndexOutOfRange on a 0-d tensor or a width wrapped past
/// int fails. Inputs are the golden single files' tensor lists with keys dropped, renumbered or added and shapes
/// changed (headers the reader accepts: dimension products fit).
/// </summary>
[Trait("Category", "Fuzz")]
public class SingleFileDetectorFuzzTests
{
    private const string Path = "/fuzz/model.safetensors";

    private static readonly long[] s_dims = [0, 1, 2, 3, 4, 7, 8, 9, 16, 32, 768, 1024, 2048, 1L << 20, (1L << 31) - 1, 1L << 31, 1L << 40];

    private static readonly string[] s_extraKeys =
    [
        "conditioner.embedders.0.transformer.x", "model.diffusion_model.joint_blocks.0.x", "double_blocks.0.x", "lora_unet_a.lora_down.weight",
        "cond_stage_model.model.token_embedding", "model.diffusion_model.label_emb.0.0.weight", "string_to_param.*",
        "model.diffusion_model.input_blocks.99.0.op.weight", "model.diffusion_model.input_blocks.2147483647.0.op.weight",
        "model.diffusion_model.output_blocks.999.1.proj_in.weight", "control_model.input_hint_block.99.weight",
        "control_model.zero_convs.99.0.weight", "input_hint_block.0.weight", "zero_convs.0.0.weight", "encoder.conv_in.weight",
        "decoder.conv_in.weight", "conv_in.weight", "down_blocks.0.x", "up_blocks.0.x", "mid_block.x",
        "controlnet_cond_embedding.conv_in.weight", "first_stage_model.encoder.down.9.block.0.conv2.weight",
        "cond_stage_model.transformer.text_model.encoder.layers.99.mlp.fc1.weight",
    ];

    /// <summary>One edit of a tensor list: drop, reshape, rename (a number in its key), or add a key.</summary>
    public readonly record struct Edit(int Kind, int Tensor, int Axis, int Dim, int Number, int Key);

    private static readonly Gen<Edit> s_edit = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 100_000], Gen.Int[0, 4], Gen.Int[0, s_dims.Length - 1],
        Gen.Int[0, 40], Gen.Int[0, s_extraKeys.Length - 1], (k, t, a, d, n, key) => new Edit(k, t, a, d, n, key));

    private static readonly Gen<Dictionary<string, SafetensorsTensor>> s_inputs =
        Gen.Select(Gen.Int[0, FuzzSeeds.SingleFiles.Count - 1], s_edit.Array[0, 8], (seed, edits) => Apply(FuzzSeeds.SingleFiles[seed], edits));

    private static Dictionary<string, SafetensorsTensor> Apply(IReadOnlyList<SafetensorsTensor> seed, Edit[] edits)
    {
        var tensors = seed.ToList();
        foreach (var e in edits)
        {
            int i = e.Tensor % tensors.Count;
            var t = tensors[i];
            switch (e.Kind)
            {
                case 0:
                    tensors.RemoveAt(i);
                    break;
                case 1:
                    var shape = (long[])t.Shape.Clone();
                    if (shape.Length > 0)
                        shape[e.Axis % shape.Length] = s_dims[e.Dim];
                    if (Fits(shape))
                        tensors[i] = t with { Shape = shape };
                    break;
                case 2:
                    tensors[i] = t with { Shape = t.Shape.Take(e.Axis % (t.Shape.Length + 1)).ToArray() }; // rank cut, even to 0-d
                    break;
                case 3:
                    // Renumber: the first number in the key becomes another (block and layer indices decide the architecture).
                    var parts = t.Name.Split('.');
                    int p = Array.FindIndex(parts, s => s.Length > 0 && s.All(char.IsAsciiDigit));
                    if (p >= 0)
                    {
                        parts[p] = (e.Number * 7 % 41).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        tensors[i] = t with { Name = string.Join('.', parts) };
                    }
                    break;
                default:
                    tensors.Add(t with { Name = s_extraKeys[e.Key], Shape = [s_dims[e.Dim], 4, 3, 3] });
                    break;
            }
            if (tensors.Count == 0)
                tensors.Add(seed[0]);
        }
        var result = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        foreach (var t in tensors)
            result[t.Name] = t;
        return result;
    }

    // What the header reader accepts: the element count times 8 bytes fits a long.
    private static bool Fits(long[] shape)
    {
        try
        {
            long n = 8;
            foreach (long d in shape)
                n = checked(n * d);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    [Fact]
    public void Detect_AnyTensorList_DescribedOrACheckpointException() =>
        FuzzRun.Sample(s_inputs, tensors =>
        {
            var verdict = SingleFileProbe.Probe(tensors);
            Assert.False(string.IsNullOrEmpty(verdict.What));
            if (verdict.Kind == SingleFileKind.StableDiffusion)
            {
                Network(() => SingleFileArchitecture.UNet(tensors, Path), ComponentNames.UNet, c => LdmKeyMap.UNet(c));
                Network(() => SingleFileArchitecture.Vae(tensors, Path), ComponentNames.Vae, c => LdmKeyMap.Vae(c));
                Network(() => SingleFileArchitecture.Clip(tensors, Path), ComponentNames.TextEncoder, _ => LdmKeyMap.Clip(tensors.Keys));
            }
            else if (verdict.Kind == SingleFileKind.ControlNet)
            {
                Network(() => SingleFileArchitecture.ControlNet(tensors, verdict.ControlNetPrefix, Path), ComponentNames.ControlNet,
                    c => LdmKeyMap.ControlNet(c, verdict.ControlNetPrefix));
            }
        }, defaultIterations: 3000, print: t => $"{t.Count} tensors: " + string.Join(", ", t.Values.Take(400).Select(x => $"{x.Name}{x.ShapeText}")));

    [Fact]
    public void Seeds_StructuredLikeSd15_DetectedAndValidSoTheFuzzerReachesTheGraphs()
    {
        var sd = FuzzSeeds.SingleFiles[^2].ToDictionary(t => t.Name);
        Assert.Equal(SingleFileKind.StableDiffusion, SingleFileProbe.Probe(sd).Kind);
        SingleFileArchitecture.UNet(sd, Path).Validate(Path);
        SingleFileArchitecture.Vae(sd, Path).Validate(Path);
        SingleFileArchitecture.Clip(sd, Path).Validate(Path);
        var controlNet = FuzzSeeds.SingleFiles[^1].ToDictionary(t => t.Name);
        var verdict = SingleFileProbe.Probe(controlNet);
        Assert.Equal(SingleFileKind.ControlNet, verdict.Kind);
        SingleFileArchitecture.ControlNet(controlNet, verdict.ControlNetPrefix, Path).Validate(Path);
    }

    // As ModelSource does: detect, judge the family, validate, then the graphs' tensor list and the key map.
    private static void Network<T>(Func<T> detect, string component, Func<T, ComponentKeyMap> keyMap) where T : IModelConfig
    {
        try
        {
            var config = detect();
            if (config is UNetEncoderConfig encoder)
                ModelFamilies.OfNetworks(Path, encoder.CrossAttentionDim, encoder.InChannels, null);
            config.Validate(Path);
            var expected = NetworkCatalogue.ExpectedTensors(component, config);
            Assert.NotEmpty(expected);
            Assert.Empty(SingleFileArchitecture.Differences(config, config));
            // The file key of every tensor the graphs read (what the loader and inspection look up).
            var map = keyMap(config);
            foreach (var (key, _) in expected)
                Assert.False(string.IsNullOrEmpty(map.ToFileKey(key)), key);
        }
        catch (CheckpointException e)
        {
            Assert.StartsWith(Path + ":", e.Message);
        }
    }
}
