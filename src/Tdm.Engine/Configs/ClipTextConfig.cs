using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Configs;

/// <summary>
/// A transformers CLIPTextModel's config.json (text_encoder/config.json; a full CLIPConfig's "text_config" is read
/// too). Defaults are transformers'; <see cref="StableDiffusion15"/> is SD1.5's text encoder (OpenAI CLIP ViT-L/14).
/// </summary>
internal sealed record ClipTextConfig : IModelConfig
{
    /// <summary>transformers' class name.</summary>
    public const string TransformersClassName = "CLIPTextModel";

    /// <summary>SD1.5's text encoder (openai/clip-vit-large-patch14's text tower).</summary>
    public static ClipTextConfig StableDiffusion15 { get; } = new()
    {
        HiddenSize = 768,
        IntermediateSize = 3072,
        NumAttentionHeads = 12,
        ProjectionDim = 768,
    };

    /// <inheritdoc/>
    public string ClassName => TransformersClassName;

    /// <summary>vocab_size (49408 for CLIP's BPE).</summary>
    public int VocabSize { get; init; } = 49408;

    /// <summary>hidden_size: the width of the embeddings SD cross-attends to.</summary>
    public int HiddenSize { get; init; } = 512;

    /// <summary>intermediate_size of the MLPs.</summary>
    public int IntermediateSize { get; init; } = 2048;

    /// <summary>num_hidden_layers.</summary>
    public int NumHiddenLayers { get; init; } = 12;

    /// <summary>num_attention_heads.</summary>
    public int NumAttentionHeads { get; init; } = 8;

    /// <summary>max_position_embeddings (77 tokens).</summary>
    public int MaxPositionEmbeddings { get; init; } = 77;

    /// <summary>hidden_act: "quick_gelu" (OpenAI CLIP) or "gelu".</summary>
    public string HiddenAct { get; init; } = "quick_gelu";

    /// <summary>layer_norm_eps.</summary>
    public double LayerNormEps { get; init; } = 1e-5;

    /// <summary>projection_dim (the text projection, unused by SD; kept for round trips).</summary>
    public int ProjectionDim { get; init; } = 512;

    /// <summary>Reads and validates a text encoder config.json.</summary>
    public static ClipTextConfig Load(string path) => ConfigReader.Load(path, Read);

    /// <summary>Reads and validates config text; <paramref name="source"/> names it in messages.</summary>
    public static ClipTextConfig Parse(string json, string source) =>
        ConfigReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), source, Read);

    /// <inheritdoc/>
    public void Validate(string source)
    {
        ConfigLimits.Check(source, "vocab_size", VocabSize, 1, ConfigLimits.MaxVocabulary, "49408");
        ConfigLimits.Check(source, "hidden_size", HiddenSize, 1, ConfigLimits.MaxChannels, "768");
        ConfigLimits.Check(source, "intermediate_size", IntermediateSize, 1, ConfigLimits.MaxIntermediate, "3072");
        ConfigLimits.Check(source, "num_hidden_layers", NumHiddenLayers, 1, ConfigLimits.MaxTextLayers, "12");
        ConfigLimits.Check(source, "num_attention_heads", NumAttentionHeads, 1, ConfigLimits.MaxHeads, "12");
        ConfigLimits.Check(source, "max_position_embeddings", MaxPositionEmbeddings, 1, ConfigLimits.MaxPositions, "77");
        ConfigLimits.Check(source, "projection_dim", ProjectionDim, 1, ConfigLimits.MaxChannels, "768");
        ConfigLimits.CheckPositive(source, "layer_norm_eps", LayerNormEps, ConfigLimits.MaxEpsilon, "1e-5");
        if (HiddenAct is not ("quick_gelu" or "gelu"))
            throw ConfigReader.Unsupported(source, "hidden_act", HiddenAct, "\"quick_gelu\" (SD1.x) or \"gelu\"");
        if (VocabSize <= 0 || HiddenSize <= 0 || IntermediateSize <= 0 || NumHiddenLayers <= 0 || MaxPositionEmbeddings <= 0)
            throw ConfigReader.Unsupported(source, "vocab_size/hidden_size/intermediate_size/num_hidden_layers/max_position_embeddings",
                $"{VocabSize}/{HiddenSize}/{IntermediateSize}/{NumHiddenLayers}/{MaxPositionEmbeddings}", "positive values");
        if (NumAttentionHeads <= 0 || HiddenSize % NumAttentionHeads != 0)
            throw ConfigReader.Unsupported(source, "num_attention_heads", NumAttentionHeads, $"a head count dividing hidden_size {HiddenSize}");
        if (!(LayerNormEps > 0))
            throw ConfigReader.Unsupported(source, "layer_norm_eps", LayerNormEps, "a positive epsilon");
    }

    /// <inheritdoc/>
    public string ToJson() => new ConfigWriter()
        .Strings("architectures", [TransformersClassName])
        .String("model_type", "clip_text_model")
        .Int("vocab_size", VocabSize)
        .Int("hidden_size", HiddenSize)
        .Int("intermediate_size", IntermediateSize)
        .Int("num_hidden_layers", NumHiddenLayers)
        .Int("num_attention_heads", NumAttentionHeads)
        .Int("max_position_embeddings", MaxPositionEmbeddings)
        .String("hidden_act", HiddenAct)
        .Double("layer_norm_eps", LayerNormEps)
        .Int("projection_dim", ProjectionDim)
        .Int("bos_token_id", 0)
        .Int("eos_token_id", 2)
        .Int("pad_token_id", 1)
        .ToString();

    private static ClipTextConfig Read(ConfigReader r)
    {
        string? modelType = r.NullableString("model_type");
        if (modelType == "clip" && r.Object("text_config") is { } text)
            r = text;
        else if (modelType is not (null or "clip_text_model"))
            throw new CheckpointException(r.Path, $"{r.Path}: model_type is \"{modelType}\", not a CLIP text encoder (\"clip_text_model\"); " +
                "SD1.x uses OpenAI CLIP ViT-L/14's text model");
        var d = new ClipTextConfig();
        var c = d with
        {
            VocabSize = r.Int("vocab_size", d.VocabSize),
            HiddenSize = r.Int("hidden_size", d.HiddenSize),
            IntermediateSize = r.Int("intermediate_size", d.IntermediateSize),
            NumHiddenLayers = r.Int("num_hidden_layers", d.NumHiddenLayers),
            NumAttentionHeads = r.Int("num_attention_heads", d.NumAttentionHeads),
            MaxPositionEmbeddings = r.Int("max_position_embeddings", d.MaxPositionEmbeddings),
            HiddenAct = r.String("hidden_act", d.HiddenAct),
            LayerNormEps = r.Double("layer_norm_eps", d.LayerNormEps),
            ProjectionDim = r.Int("projection_dim", d.ProjectionDim),
        };
        c.Validate(r.Path);
        return c;
    }
}
