namespace Tdm.Engine.Checkpoints;

/// <summary>How a model's files are laid out on disk.</summary>
internal enum CheckpointLayout
{
    /// <summary>A diffusers Stable Diffusion folder: model_index.json, unet/, vae/, text_encoder/, tokenizer/,
    /// scheduler/.</summary>
    DiffusersFolder,

    /// <summary>One .safetensors file in the original LDM layout (A1111/ComfyUI): model.diffusion_model.*,
    /// first_stage_model.*, cond_stage_model.transformer.*.</summary>
    SingleFile,

    /// <summary>A diffusers ControlNet folder: config.json and diffusion_pytorch_model.safetensors.</summary>
    ControlNetFolder,

    /// <summary>One .safetensors ControlNet file in lllyasviel's layout (with or without "control_model.").</summary>
    ControlNetFile,
}
