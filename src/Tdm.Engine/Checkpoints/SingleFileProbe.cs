namespace Tdm.Engine.Checkpoints;

/// <summary>
/// Tells from a single file's key names what it is: an SD1.x-style LDM checkpoint, an lllyasviel ControlNet, or
/// another family (SD2.x by its OpenCLIP text encoder, SDXL by its conditioner/label_emb, SD3 by its joint blocks,
/// Flux by its double blocks), a LoRA, a lone network. Shapes (the cross-attention width of SD2.x) are judged
/// later, by <see cref="ModelFamilies.OfNetworks"/>, once the architecture is detected.
/// </summary>
internal static class SingleFileProbe
{
    // LDM's DDPM keeps its noise schedule as buffers beside the networks; they are not weights.
    private static readonly HashSet<string> s_scheduleBuffers = new(StringComparer.Ordinal)
    {
        "betas", "alphas_cumprod", "alphas_cumprod_prev", "sqrt_alphas_cumprod", "sqrt_one_minus_alphas_cumprod",
        "log_one_minus_alphas_cumprod", "sqrt_recip_alphas_cumprod", "sqrt_recipm1_alphas_cumprod", "posterior_variance",
        "posterior_log_variance_clipped", "posterior_mean_coef1", "posterior_mean_coef2", "logvar", "lvlb_weights",
    };

    public static SingleFileVerdict Probe(IReadOnlyDictionary<string, SafetensorsTensor> tensors)
    {
        var keys = tensors.Keys;
        bool Has(string prefix) => keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));

        if (Has(LdmKeyMap.ControlNetPrefix))
            return new(SingleFileKind.ControlNet, "ControlNet", "an lllyasviel-layout ControlNet (control_model.* keys)", LdmKeyMap.ControlNetPrefix);
        if (tensors.ContainsKey("input_hint_block.0.weight") && tensors.ContainsKey("zero_convs.0.0.weight"))
            return new(SingleFileKind.ControlNet, "ControlNet", "an lllyasviel-layout ControlNet (input_hint_block/zero_convs keys)");
        if (tensors.ContainsKey("controlnet_cond_embedding.conv_in.weight"))
            return new(SingleFileKind.DiffusersNetwork, "ControlNet", "a ControlNet's weights in diffusers naming (controlnet_cond_embedding.* keys)");
        if (Has("conditioner.embedders.") || Has(LdmKeyMap.UNetPrefix + "label_emb."))
            return new(SingleFileKind.Other, "SDXL", "an SDXL checkpoint (conditioner.embedders.* / label_emb keys)");
        if (Has(LdmKeyMap.UNetPrefix + "joint_blocks.") || Has("joint_blocks."))
            return new(SingleFileKind.Other, "SD3", "a Stable Diffusion 3 checkpoint (MMDiT joint_blocks)");
        if (Has(LdmKeyMap.UNetPrefix + "double_blocks.") || Has("double_blocks."))
            return new(SingleFileKind.Other, "Flux", "a Flux checkpoint (double_blocks/single_blocks)");
        if (keys.Any(k => k.StartsWith("lora_", StringComparison.Ordinal) || k.Contains(".lora_down.", StringComparison.Ordinal)
                || k.Contains(".lora_A.", StringComparison.Ordinal)))
            return new(SingleFileKind.Other, "LoRA", "a LoRA (a patch applied to a model, not a model)");
        if (Has("string_to_param") || tensors.ContainsKey("emb_params"))
            return new(SingleFileKind.Other, "textual inversion", "a textual-inversion embedding (not a model)");
        if (Has(LdmKeyMap.UNetPrefix + "input_blocks."))
        {
            if (Has("cond_stage_model.model."))
                return new(SingleFileKind.Other, "SD2.x", "a Stable Diffusion 2.x checkpoint (OpenCLIP text encoder, cond_stage_model.model.* keys)");
            return new(SingleFileKind.StableDiffusion, ModelSource.SupportedFamily, "a Stable Diffusion checkpoint (LDM layout)");
        }
        if (tensors.ContainsKey("conv_in.weight") && Has("down_blocks.") && Has("up_blocks.") && Has("mid_block."))
            return new(SingleFileKind.DiffusersNetwork, "U-Net", "a U-Net's weights in diffusers naming (one network of a diffusers folder)");
        if (tensors.ContainsKey("encoder.conv_in.weight") && tensors.ContainsKey("decoder.conv_in.weight"))
            return new(SingleFileKind.Other, "VAE", "a standalone VAE (not a whole model)");
        if (Has("text_model.") || tensors.ContainsKey("embeddings.token_embedding.weight"))
            return new(SingleFileKind.Other, "text encoder", "a standalone text encoder (not a whole model)");
        string first = string.Join(", ", keys.Order(StringComparer.Ordinal).Take(5));
        return new(SingleFileKind.Other, "unknown", $"not a checkpoint TDM recognises (first keys: {first})");
    }

    /// <summary>True for keys of an SD model in the LDM layout (or its buffers and EMA copy).</summary>
    public static bool IsSdModelKey(string key) =>
        key.StartsWith(LdmKeyMap.UNetPrefix, StringComparison.Ordinal) || key.StartsWith(LdmKeyMap.VaePrefix, StringComparison.Ordinal)
        || key.StartsWith("cond_stage_model.", StringComparison.Ordinal) || IsNonWeight(key);

    /// <summary>Tensors of an SD single file that belong to no network and are skipped: the schedule buffers and the
    /// EMA copy of the U-Net (model_ema.*).</summary>
    public static bool IsNonWeight(string key) =>
        s_scheduleBuffers.Contains(key) || key.StartsWith("model_ema.", StringComparison.Ordinal);
}
