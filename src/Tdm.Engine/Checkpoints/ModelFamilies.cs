using Tdm.Engine.Configs;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// Recognises model families TDM does not run (SD2.x, SDXL, SD3, Flux, inpainting variants) and refuses them with
/// a message that names what the model is. TDM runs SD1.x: SD1.5 and its fine-tunes, at any width.
/// </summary>
internal static class ModelFamilies
{
    /// <summary>What TDM runs, for messages.</summary>
    public const string Supported = "TDM runs Stable Diffusion 1.x models (SD1.5 and its fine-tunes) with an SD1.x ControlNet";

    /// <summary>The SD2.x text width: OpenCLIP ViT-H's.</summary>
    public const int Sd2CrossAttentionDim = 1024;

    /// <summary>The SDXL text width: CLIP ViT-L and OpenCLIP ViT-bigG concatenated.</summary>
    public const int SdxlCrossAttentionDim = 2048;

    /// <summary>Refuses a diffusers folder whose pipeline class is another family's.</summary>
    public static void ThrowIfUnsupportedPipeline(string folder)
    {
        if (OfPipeline(folder) is { Refusal: { } refusal })
            throw new CheckpointException(folder, refusal);
    }

    /// <summary>The family a diffusers folder's model_index.json names (null when it names none we know).</summary>
    public static FamilyVerdict? OfPipeline(string folder)
    {
        string index = Path.Combine(folder, DiffusersFolder.ModelIndexFile);
        string? cls = ConfigReader.Load(index, r => r.NullableString("_class_name"));
        (string Name, string Article)? family = cls switch
        {
            null => null,
            _ when cls.Contains("XL", StringComparison.Ordinal) => ("SDXL", "an SDXL model"),
            _ when cls.StartsWith("StableDiffusion3", StringComparison.Ordinal) => ("SD3", "a Stable Diffusion 3 model"),
            _ when cls.Contains("Flux", StringComparison.Ordinal) => ("Flux", "a Flux model"),
            _ when cls.Contains("Upscale", StringComparison.Ordinal) => ("SD x4 upscaler", "the SD x4 upscaler"),
            _ when !cls.StartsWith("StableDiffusion", StringComparison.Ordinal) => (cls, $"a {cls} model"),
            _ => null,
        };
        return family is { } f
            ? new FamilyVerdict(f.Name, $"{folder}: is {f.Article} ({DiffusersFolder.ModelIndexFile} names {cls}); {Supported}")
            : null;
    }

    /// <summary>Refuses SD2.x-shaped and inpainting-style U-Nets and a text encoder that does not fit the U-Net.</summary>
    public static void ThrowIfNotSd1(string source, UNetConfig unet, ClipTextConfig? text)
    {
        if (OfNetworks(source, unet.CrossAttentionDim, unet.InChannels, text?.HiddenSize) is { Refusal: { } refusal })
            throw new CheckpointException(source, refusal);
    }

    /// <summary>The family a U-Net's (or ControlNet's) shapes say, with the text encoder's width when known:
    /// SD1.x (no refusal), SD2.x, an inpainting or pix2pix variant, or a mismatched pair.</summary>
    public static FamilyVerdict OfNetworks(string source, int crossAttentionDim, int inChannels, int? textWidth, string subject = "model")
    {
        if (crossAttentionDim == Sd2CrossAttentionDim || textWidth == Sd2CrossAttentionDim)
            return new("SD2.x", $"{source}: is a Stable Diffusion 2.x {subject} (it cross-attends to {Sd2CrossAttentionDim}-wide OpenCLIP text embeddings, SD1.x to 768); {Supported}");
        if (crossAttentionDim == SdxlCrossAttentionDim)
            return new("SDXL", $"{source}: is an SDXL {subject} (it cross-attends to {SdxlCrossAttentionDim}-wide text embeddings, SD1.x to 768); {Supported}");
        if (inChannels != 4)
        {
            var (family, what) = inChannels switch
            {
                9 => ("SD1.x inpainting", "an inpainting model (9 input channels: latent, mask, masked image)"),
                8 => ("SD1.x instruct-pix2pix", "an instruct-pix2pix-style model (8 input channels: latent and image latent)"),
                _ => ($"SD1.x-like, {inChannels} input channels", $"a model with {inChannels} input channels"),
            };
            return new(family, $"{source}: is {what}; TDM feeds the U-Net the 4-channel latent of SD1.x text-to-image models");
        }
        if (textWidth is { } w && w != crossAttentionDim)
            return new("mismatched", $"{source}: the text encoder's width {w} does not match the U-Net's cross_attention_dim {crossAttentionDim}: the two come from different models");
        return new(ModelSource.SupportedFamily, null);
    }
}
