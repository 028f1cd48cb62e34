using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Models;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Graphs;

public class NetworkSpecsTests
{
    [Theory]
    [InlineData("unet", "diffusion_pytorch_model.safetensors")]
    [InlineData("controlnet", "diffusion_pytorch_model.safetensors")]
    [InlineData("vae", "diffusion_pytorch_model.safetensors")]
    [InlineData("text_encoder", "model.safetensors")]
    public void ExpectedTensors_GoldenModel_AreExactlyTheCheckpointsWeights(string component, string file)
    {
        var source = ModelSource.Open(Tdm.Tests.Golden.Path("models"));
        IModelConfig config = component switch
        {
            "unet" => source.UNet.Config,
            "controlnet" => source.ControlNet!.Config,
            "vae" => source.Vae.Config,
            _ => source.TextEncoder.Config,
        };
        using var weights = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", component, file));
        var expected = NetworkCatalogue.ExpectedTensors(component, config);
        // The golden text encoder nests its keys under "text_model." and carries the position_ids buffer.
        var fileKeys = weights.Tensors.Keys.Where(k => !k.EndsWith("position_ids", StringComparison.Ordinal))
            .Select(k => k.StartsWith("text_model.", StringComparison.Ordinal) ? k["text_model.".Length..] : k).Order().ToList();
        Assert.Equal(fileKeys, expected.Select(t => t.Key).Order().ToList());
        foreach (var (key, shape) in expected)
        {
            var stored = weights.Tensors.TryGetValue(key, out var t) ? t : weights.Tensors["text_model." + key];
            Assert.Equal(shape.Aggregate(1L, (a, d) => a * d), stored.ElementCount);
        }
    }

    /// <summary>The graphs at SD1.5's configuration have SD1.5's published parameter counts.</summary>
    [Theory]
    [InlineData("unet", 859_520_964L)]
    [InlineData("vae", 83_653_863L)]
    [InlineData("text_encoder", 123_060_480L)]
    public void ExpectedTensors_Sd15Config_HaveSd15ParameterCounts(string component, long parameters)
    {
        IModelConfig config = component switch
        {
            "unet" => UNetConfig.StableDiffusion15,
            "controlnet" => ControlNetConfig.StableDiffusion15,
            "vae" => VaeConfig.StableDiffusion15,
            _ => ClipTextConfig.StableDiffusion15,
        };
        long count = NetworkCatalogue.ExpectedTensors(component, config).Sum(t => t.Shape.Aggregate(1L, (a, d) => a * d));
        Assert.Equal(parameters, count);
    }

    /// <summary>The SD1.5 ControlNet is the U-Net's encoder (same keys, same shapes) plus the conditioning image
    /// embedding and one zero convolution per residual.</summary>
    [Fact]
    public void ExpectedTensors_Sd15ControlNet_IsTheUNetEncoderPlusEmbeddingAndZeroConvs()
    {
        static long Count(long[] shape) => shape.Aggregate(1L, (a, d) => a * d);
        var unet = NetworkCatalogue.ExpectedTensors("unet", UNetConfig.StableDiffusion15).ToDictionary(t => t.Key, t => t.Shape);
        var control = NetworkCatalogue.ExpectedTensors("controlnet", ControlNetConfig.StableDiffusion15);
        string[] shared = ["time_embedding.", "conv_in.", "down_blocks.", "mid_block."];
        var encoder = control.Where(t => shared.Any(p => t.Key.StartsWith(p, StringComparison.Ordinal))).ToList();
        Assert.All(encoder, t => Assert.Equal(unet[t.Key], t.Shape));

        // conv_in 3->16, then (16,16),(16,32),(32,32),(32,96),(96,96),(96,256), conv_out 256->320; all 3x3 with bias.
        int[][] convs = [[3, 16], [16, 16], [16, 32], [32, 32], [32, 96], [96, 96], [96, 256], [256, 320]];
        long embedding = convs.Sum(c => (c[0] * c[1] * 9L) + c[1]);
        var skips = NetworkSpecs.ControlNet(ControlNetConfig.StableDiffusion15).Encoder.SkipChannels.Append(1280);
        long zeroConvs = skips.Sum(c => ((long)c * c) + c);
        Assert.Equal(encoder.Sum(t => Count(t.Shape)) + embedding + zeroConvs, control.Sum(t => Count(t.Shape)));
    }
}
