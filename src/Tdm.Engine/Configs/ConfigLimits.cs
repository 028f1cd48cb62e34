namespace Tdm.Engine.Configs;

/// <summary>
/// Bounds on every config value: what Stable Diffusion 1.5-family models have, with generous margins (and room
/// for the SD2.x and SDXL values that are recognised and refused by name). Each config's <c>Validate</c> checks
/// them first, so a hostile config.json ("layers_per_block": 1e9) is refused before any list, graph or tensor is
/// sized from it.
/// </summary>
internal static class ConfigLimits
{
    /// <summary>Blocks of a U-Net, ControlNet or VAE, and steps of the conditioning embedding (SD1.5: 4).</summary>
    public const int MaxBlocks = 8;

    /// <summary>Channels of a block, widths of embeddings (SD1.5: 1280 at most; SDXL's text width is 2048).</summary>
    public const int MaxChannels = 8192;

    /// <summary>Image, latent and conditioning channels (SD1.5: 3 and 4; inpainting 9; SD3's latent 16).</summary>
    public const int MaxImageChannels = 64;

    /// <summary>Resnets per block (SD1.5: 2).</summary>
    public const int MaxLayersPerBlock = 16;

    /// <summary>Attention heads (SD1.5's U-Net: 8; CLIP ViT-L: 12).</summary>
    public const int MaxHeads = 256;

    /// <summary>Convolution kernel size (SD1.5: 3).</summary>
    public const int MaxKernel = 15;

    /// <summary>Text encoder layers (CLIP ViT-L: 12; OpenCLIP ViT-bigG: 32).</summary>
    public const int MaxTextLayers = 96;

    /// <summary>Text encoder MLP width (CLIP ViT-L: 3072).</summary>
    public const int MaxIntermediate = 65536;

    /// <summary>Text vocabulary (CLIP: 49408).</summary>
    public const int MaxVocabulary = 1_000_000;

    /// <summary>Text positions (CLIP: 77). The causal mask is positions squared.</summary>
    public const int MaxPositions = 1024;

    /// <summary>Training timesteps of the noise schedule (SD1.5: 1000).</summary>
    public const int MaxTrainTimesteps = 100_000;

    /// <summary>steps_offset of the scheduler (SD1.5: 1).</summary>
    public const int MaxStepsOffset = 16;

    /// <summary>sample_size, informative (SD1.5: 64 latent, 512 pixels).</summary>
    public const int MaxSampleSize = 65536;

    /// <summary>Normalisation epsilons (SD1.5: 1e-5 and 1e-6).</summary>
    public const double MaxEpsilon = 1.0;

    /// <summary>The VAE's latent scaling factor (SD1.5: 0.18215; SD3: 1.5305).</summary>
    public const double MaxScalingFactor = 100.0;

    /// <summary>beta_start and beta_end (SD1.5: 0.00085 and 0.012; DDPM's 0.02). A beta of 0.5 already halves the
    /// signal in one step.</summary>
    public const double MaxBeta = 0.5;

    /// <summary>Refuses <paramref name="value"/> outside <paramref name="min"/>..<paramref name="max"/>, naming the
    /// field and SD1.5's value.</summary>
    public static void Check(string source, string field, int value, int min, int max, string sd15)
    {
        if (value < min || value > max)
            throw ConfigReader.Unsupported(source, field, value, Range(min, max, sd15));
    }

    /// <summary>Refuses a list with more than <paramref name="maxCount"/> entries or an entry outside the range.</summary>
    public static void Check(string source, string field, IReadOnlyList<int> values, int maxCount, int min, int max, string sd15)
    {
        if (values.Count > maxCount)
            throw ConfigReader.Unsupported(source, field, $"a list of {values.Count}", $"at most {maxCount} entries (SD1.5: {sd15})");
        foreach (int v in values)
            if (v < min || v > max)
                throw ConfigReader.Unsupported(source, field, values, $"entries in {Range(min, max, sd15)}");
    }

    /// <summary>Refuses a value that is not finite or outside (0, <paramref name="max"/>]: epsilons, betas and scales
    /// are positive.</summary>
    public static void CheckPositive(string source, string field, double value, double max, string sd15)
    {
        if (!double.IsFinite(value) || value <= 0 || value > max)
            throw ConfigReader.Unsupported(source, field, value, $"a value above 0 and at most {Show(max)} (SD1.5: {sd15})");
    }

    private static string Range(int min, int max, string sd15) => $"{min}..{max} (SD1.5: {sd15})";

    private static string Show(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
