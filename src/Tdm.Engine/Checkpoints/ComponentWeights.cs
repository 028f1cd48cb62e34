namespace Tdm.Engine.Checkpoints;

/// <summary>
/// The tensors of one network (U-Net, ControlNet, VAE, text encoder) under the names the graph code uses: the
/// diffusers keys. A key map translates them to another layout's names (single-file checkpoints); graph code never
/// sees those. Lookups record what is missing or misshapen so that one error lists every problem, and record what
/// was used so that unused tensors can be reported.
/// </summary>
public sealed class ComponentWeights
{
    private readonly Func<string, string> _fileKey;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<string> _missing = [];
    private readonly List<string> _misshapen = [];

    /// <summary>Creates the view of <paramref name="file"/> for <paramref name="component"/>.</summary>
    /// <param name="component">What these weights are ("unet", "vae", ...), for messages.</param>
    /// <param name="file">The open checkpoint; owned by the caller.</param>
    /// <param name="fileKey">Maps a diffusers key to the file's key; identity when null.</param>
    public ComponentWeights(string component, SafetensorsFile file, Func<string, string>? fileKey = null)
    {
        Component = component;
        File = file;
        _fileKey = fileKey ?? (k => k);
    }

    /// <summary>What these weights are ("unet", "vae", ...).</summary>
    public string Component { get; }

    /// <summary>The checkpoint that holds them.</summary>
    public SafetensorsFile File { get; }

    /// <summary>True when the file holds <paramref name="key"/> (a diffusers key).</summary>
    public bool Contains(string key) => File.Tensors.ContainsKey(_fileKey(key));

    /// <summary>
    /// The tensor for <paramref name="key"/>, checked against the shape the graph expects. A stored shape that
    /// differs only by trailing 1-sized dimensions (a 1x1 convolution stored for a linear layer, or the reverse) is
    /// accepted: the bytes are the same. Returns null and records the problem when the tensor is missing or
    /// misshapen; call <see cref="ThrowIfProblems"/> once the graph is built.
    /// </summary>
    public SafetensorsTensor? Get(string key, params long[] expectedShape)
    {
        string fileKey = _fileKey(key);
        if (!File.Tensors.TryGetValue(fileKey, out var tensor))
        {
            _missing.Add(fileKey == key ? key : $"{fileKey} (for {key})");
            return null;
        }
        _used.Add(fileKey);
        if (!SameLayout(tensor.Shape, expectedShape))
        {
            _misshapen.Add($"{fileKey} has shape {tensor.ShapeText}, the config expects [{string.Join(",", expectedShape)}]");
            return null;
        }
        if (!tensor.DType.IsWeightFloat())
        {
            _misshapen.Add($"{fileKey} is {tensor.DType}, a weight must be F32, F16 or BF16");
            return null;
        }
        return tensor;
    }

    /// <summary>Throws one <see cref="CheckpointException"/> listing every missing and misshapen tensor.</summary>
    public void ThrowIfProblems(string? hint = null)
    {
        if (_missing.Count == 0 && _misshapen.Count == 0)
            return;
        var lines = new List<string>();
        if (_missing.Count > 0)
            lines.Add($"{_missing.Count} tensor(s) missing: {string.Join(", ", _missing.Take(20))}{(_missing.Count > 20 ? ", ..." : "")}");
        lines.AddRange(_misshapen.Take(20));
        string message = $"{File.Path}: the {Component} weights do not match its configuration:\n  " + string.Join("\n  ", lines);
        if (hint != null)
            message += "\n" + hint;
        throw new CheckpointException(File.Path, message, _missing.Count > 0 ? _missing[0] : null);
    }

    /// <summary>File keys that no lookup used (reported, not an error: EMA copies, buffers, other networks).</summary>
    public IReadOnlyList<string> Unused(Func<string, bool>? belongsToComponent = null) =>
        File.Tensors.Keys.Where(k => !_used.Contains(k) && (belongsToComponent?.Invoke(k) ?? true)).Order(StringComparer.Ordinal).ToList();

    private static bool SameLayout(long[] stored, long[] expected)
    {
        static ReadOnlySpan<long> Trim(long[] s)
        {
            int n = s.Length;
            while (n > 1 && s[n - 1] == 1)
                n--;
            return s.AsSpan(0, n);
        }
        return Trim(stored).SequenceEqual(Trim(expected));
    }
}
