using Tdm.Engine.Checkpoints;
using Tdm.Tests;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Checkpoints;

public class LdmKeyMapTests
{
    private static ComponentKeyMap MapFor(string component, SafetensorsFile file, SingleFileConfigs configs) => component switch
    {
        "unet" => LdmKeyMap.UNet(configs.UNet!),
        "vae" => LdmKeyMap.Vae(configs.Vae!),
        "text_encoder" => LdmKeyMap.Clip(file.Tensors.Keys),
        "controlnet" => LdmKeyMap.ControlNet(configs.ControlNet!, LdmKeyMap.ControlNetPrefix),
        _ => throw new ArgumentException(component),
    };

    [Theory]
    [InlineData("sd15_tiny_single.safetensors", 964)]
    [InlineData("controlnet_tiny_single.safetensors", 338)]
    public void ToFileKey_EveryGoldenKeyMapEntry_MapsExactly(string fileName, int entries)
    {
        var configs = SingleFileFixtures.GoldenConfigs;
        using var file = SafetensorsFile.Open(Golden.Path("single_file", fileName));
        var map = SingleFileFixtures.KeyMap(fileName);
        Assert.Equal(entries, map.Count);
        var wrong = map.Where(e => MapFor(e.Component, file, configs).ToFileKey(e.DiffusersKey) != e.SingleFileKey)
            .Select(e => $"{e.DiffusersKey} -> {MapFor(e.Component, file, configs).ToFileKey(e.DiffusersKey)}, expected {e.SingleFileKey}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(10)));
    }

    [Fact]
    public void Get_EveryGoldenSd15Entry_ReturnsTheDiffusersTensorsBytesAndUsesEveryTensor()
    {
        var source = ModelSource.Open(SingleFileFixtures.Sd15, tokenizerPath: SingleFileFixtures.Tokenizer, configs: SingleFileFixtures.GoldenConfigs);
        using var file = SafetensorsFile.Open(source.UNet.WeightsPath);
        var views = new Dictionary<string, ComponentWeights>
        {
            ["unet"] = source.UNet.View(file),
            ["vae"] = source.Vae.View(file),
            ["text_encoder"] = source.TextEncoder.View(file),
        };
        var golden = new Dictionary<string, SafetensorsFile>
        {
            ["unet"] = SafetensorsFile.Open(Golden.Path("models", "unet", "diffusion_pytorch_model.safetensors")),
            ["vae"] = SafetensorsFile.Open(Golden.Path("models", "vae", "diffusion_pytorch_model.safetensors")),
            ["text_encoder"] = SafetensorsFile.Open(Golden.Path("models", "text_encoder", "model.safetensors")),
        };
        try
        {
            int reshaped = 0;
            foreach (var e in SingleFileFixtures.KeyMap("sd15_tiny_single.safetensors"))
            {
                // The VAE attention weights are [C,C,1,1] in the file and [C,C] for the graph: the trailing-1 rule.
                var t = views[e.Component].Get(e.DiffusersKey, e.DiffusersShape);
                Assert.True(t != null, $"{e.DiffusersKey}: {string.Join("; ", views[e.Component].Problems)}");
                Assert.Equal(e.SingleFileShape, t.Shape);
                reshaped += e.SingleFileShape.Length != e.DiffusersShape.Length ? 1 : 0;
                var g = golden[e.Component];
                string goldenKey = e.Component == "text_encoder" ? "text_model." + e.DiffusersKey : e.DiffusersKey;
                Assert.True(file.GetBytes(t).SequenceEqual(g.GetBytes(g[goldenKey])), $"{e.DiffusersKey}: bytes differ from the golden folder's");
            }
            Assert.Equal(8, reshaped);
            foreach (var (component, view) in views)
            {
                view.ThrowIfProblems();
                Assert.Empty(view.Unused());
            }
            Assert.Equal(file.Tensors.Count, views.Values.Sum(v => v.OwnTensors().Count()));
        }
        finally
        {
            foreach (var g in golden.Values)
                g.Dispose();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Get_GoldenControlNetWithAndWithoutPrefix_ReturnsTheDiffusersTensorsBytes(bool keepPrefix)
    {
        using var dir = new TempFolder();
        string path = keepPrefix ? SingleFileFixtures.ControlNet : SingleFileFixtures.Rewrite(SingleFileFixtures.ControlNet, dir.File("cn.safetensors"),
            (t, f) => [SingleFileFixtures.Copy(t, f, t.Name[LdmKeyMap.ControlNetPrefix.Length..])]);
        var source = ModelSource.OpenControlNet(path, SingleFileFixtures.GoldenConfigs.ControlNet);
        Assert.Equal(CheckpointLayout.ControlNetFile, source.Layout);
        using var loaded = source.Open();
        using var golden = SafetensorsFile.Open(Golden.Path("models", "controlnet", "diffusion_pytorch_model.safetensors"));
        foreach (var e in SingleFileFixtures.KeyMap("controlnet_tiny_single.safetensors"))
        {
            var t = loaded.Weights.Get(e.DiffusersKey, e.DiffusersShape);
            Assert.True(t != null, string.Join("; ", loaded.Weights.Problems));
            Assert.Equal(keepPrefix ? e.SingleFileKey : e.SingleFileKey[LdmKeyMap.ControlNetPrefix.Length..], t.Name);
            Assert.True(loaded.File.GetBytes(t).SequenceEqual(golden.GetBytes(golden[e.DiffusersKey])), e.DiffusersKey);
        }
        Assert.Empty(loaded.Weights.Unused());
    }

    [Fact]
    public void ToFileKey_DeeperModel_DerivesBlockNumbersFromLayersPerBlock()
    {
        // Three layers per block: down block 1's second resnet is input_blocks 4*1+1+1 = 6; up block 2's upsampler
        // sits after its 4 resnets at output_blocks 4*2+3 = 11, slot 2 (the block has attention).
        var config = UNetConfig.StableDiffusion15 with { LayersPerBlock = 3 };
        var map = LdmKeyMap.UNet(config);
        Assert.Equal("model.diffusion_model.input_blocks.6.0.in_layers.2.weight", map.ToFileKey("down_blocks.1.resnets.1.conv1.weight"));
        Assert.Equal("model.diffusion_model.input_blocks.8.0.op.weight", map.ToFileKey("down_blocks.1.downsamplers.0.conv.weight"));
        Assert.Equal("model.diffusion_model.output_blocks.11.2.conv.bias", map.ToFileKey("up_blocks.2.upsamplers.0.conv.bias"));
        Assert.Equal("model.diffusion_model.output_blocks.3.1.conv.weight", map.ToFileKey("up_blocks.0.upsamplers.0.conv.weight"));
        Assert.Equal("model.diffusion_model.no.such.key", map.ToFileKey("no.such.key"));
    }
}
