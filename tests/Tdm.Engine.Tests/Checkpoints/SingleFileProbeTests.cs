using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Tests.Checkpoints;

public class SingleFileProbeTests
{
    private static SingleFileVerdict Probe(params (string Key, long[] Shape)[] keys) =>
        SingleFileProbe.Probe(keys.ToDictionary(k => k.Key, k => new SafetensorsTensor(k.Key, SafetensorsDType.F32, k.Shape, 0, 0, 0)));

    [Fact]
    public void Probe_GoldenFiles_AreSdAndControlNet()
    {
        using var sd = SafetensorsFile.Open(SingleFileFixtures.Sd15);
        using var cn = SafetensorsFile.Open(SingleFileFixtures.ControlNet);
        Assert.Equal(SingleFileKind.StableDiffusion, SingleFileProbe.Probe(sd.Tensors).Kind);
        var c = SingleFileProbe.Probe(cn.Tensors);
        Assert.Equal(SingleFileKind.ControlNet, c.Kind);
        Assert.Equal("control_model.", c.ControlNetPrefix);
    }

    [Theory]
    [InlineData("conditioner.embedders.0.transformer.text_model.embeddings.token_embedding.weight", "SDXL")]
    [InlineData("model.diffusion_model.label_emb.0.0.weight", "SDXL")]
    [InlineData("model.diffusion_model.joint_blocks.0.x_block.attn.qkv.weight", "SD3")]
    [InlineData("double_blocks.0.img_attn.qkv.weight", "Flux")]
    [InlineData("cond_stage_model.model.transformer.resblocks.0.attn.in_proj_weight", "SD2.x")]
    [InlineData("lora_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight", "LoRA")]
    [InlineData("something.else", "unknown")]
    public void Probe_OtherFamilies_AreNamed(string key, string family)
    {
        var v = Probe(("model.diffusion_model.input_blocks.0.0.weight", [320, 4, 3, 3]), (key, [1]));
        Assert.Equal(family == "unknown" ? "SD1.x" : family, v.Family);
        if (family == "unknown")
            Assert.Equal("unknown", Probe((key, [1])).Family);
    }

    [Fact]
    public void Probe_PrefixlessControlNetAndDiffusersNamedFiles_AreRecognised()
    {
        var prefixless = Probe(("input_hint_block.0.weight", [16, 3, 3, 3]), ("zero_convs.0.0.weight", [320, 320, 1, 1]));
        Assert.Equal(SingleFileKind.ControlNet, prefixless.Kind);
        Assert.Equal("", prefixless.ControlNetPrefix);
        Assert.Equal(SingleFileKind.DiffusersNetwork, Probe(("controlnet_cond_embedding.conv_in.weight", [16, 3, 3, 3])).Kind);
        Assert.Equal(SingleFileKind.DiffusersNetwork, Probe(("conv_in.weight", [1]), ("down_blocks.0.x", [1]), ("up_blocks.0.x", [1]), ("mid_block.x", [1])).Kind);
    }

    [Theory]
    [InlineData("betas", true)]
    [InlineData("alphas_cumprod", true)]
    [InlineData("model_ema.decay", true)]
    [InlineData("model_ema.diffusion_modelinput_blocks00weight", true)]
    [InlineData("model.diffusion_model.out.2.weight", false)]
    public void IsNonWeight_ScheduleBuffersAndEma_AreSkipped(string key, bool skipped) =>
        Assert.Equal(skipped, SingleFileProbe.IsNonWeight(key));
}
