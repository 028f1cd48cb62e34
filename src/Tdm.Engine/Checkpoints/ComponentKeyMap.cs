namespace Tdm.Engine.Checkpoints;

/// <summary>
/// How one network's diffusers keys (the names graph code asks for) are found in a checkpoint file, which of the
/// file's tensors belong to the network, and which of those are known non-weights to ignore (buffers such as
/// position_ids). Key renaming for other layouts is built in one place (LdmKeyMap, from the config); this type only
/// carries it.
/// </summary>
internal sealed class ComponentKeyMap
{
    private readonly Func<string, string> _toFileKey;
    private readonly Func<string, bool> _owns;
    private readonly Func<string, bool> _ignores;

    /// <summary>Creates a map.</summary>
    /// <param name="layout">What the file's naming is, for messages ("diffusers", "LDM single file").</param>
    /// <param name="toFileKey">Diffusers key to file key.</param>
    /// <param name="owns">True for file keys that belong to this network (all, for a one-network file).</param>
    /// <param name="ignores">True for file keys that are not weights and are skipped silently.</param>
    public ComponentKeyMap(string layout, Func<string, string> toFileKey, Func<string, bool> owns, Func<string, bool>? ignores = null)
    {
        Layout = layout;
        _toFileKey = toFileKey;
        _owns = owns;
        _ignores = ignores ?? (_ => false);
    }

    /// <summary>Diffusers naming: keys are the file's keys, every tensor belongs to the network.</summary>
    public static ComponentKeyMap Diffusers { get; } = new("diffusers", k => k, _ => true);

    /// <summary>What the file's naming is, for messages.</summary>
    public string Layout { get; }

    /// <summary>The file key holding <paramref name="key"/> (a diffusers key).</summary>
    public string ToFileKey(string key) => _toFileKey(key);

    /// <summary>True when the file key belongs to this network.</summary>
    public bool Owns(string fileKey) => _owns(fileKey);

    /// <summary>True when the file key is a known non-weight (a buffer, an EMA copy, a training-only tensor).</summary>
    public bool Ignores(string fileKey) => _ignores(fileKey);

    /// <summary>
    /// A transformers CLIP text model's file, with or without the "text_model." level (transformers 4 saves it,
    /// transformers 5 does not). Keys may be asked for either way; the int64 position_ids buffer is ignored.
    /// </summary>
    internal static ComponentKeyMap ClipText(string layout, string filePrefix, IEnumerable<string> fileKeys)
    {
        bool nested = fileKeys.Any(k => k.StartsWith(filePrefix + ClipTextModelLevel, StringComparison.Ordinal));
        string prefix = filePrefix + (nested ? ClipTextModelLevel : "");
        return new ComponentKeyMap(layout,
            k => prefix + (k.StartsWith(ClipTextModelLevel, StringComparison.Ordinal) ? k[ClipTextModelLevel.Length..] : k),
            k => k.StartsWith(filePrefix, StringComparison.Ordinal),
            k => k.EndsWith("embeddings.position_ids", StringComparison.Ordinal));
    }

    /// <summary>The module level transformers 4's CLIPTextModel puts above embeddings/encoder/final_layer_norm.</summary>
    internal const string ClipTextModelLevel = "text_model.";
}
