namespace Tdm.Engine.Checkpoints;

/// <summary>
/// The tensors of one network (U-Net, ControlNet, VAE, text encoder) under the names the graph code uses: the
/// diffusers keys. A <see cref="ComponentKeyMap"/> translates them to another layout's names (single-file
/// checkpoints); graph code never sees those. Lookups record what is missing or misshapen so that one error lists
/// every problem, and record what was used so that unused tensors can be reported. A view: it does not own
/// <see cref="File"/>, which must outlive it. Not thread-safe.
/// </summary>
internal sealed class ComponentWeights : ITensorSource
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly HashSet<string> _scanned = new(StringComparer.Ordinal);
    private readonly List<string> _missing = [];
    private readonly List<string> _misshapen = [];
    private readonly List<string> _corrupt = [];

    /// <summary>Creates the view of <paramref name="file"/> for <paramref name="component"/>.</summary>
    /// <param name="component">What these weights are ("unet", "vae", ...), for messages.</param>
    /// <param name="file">The open checkpoint; owned by the caller.</param>
    /// <param name="fileKey">Maps a diffusers key to the file's key; identity when null. Every tensor of the file
    /// is taken to belong to this network.</param>
    public ComponentWeights(string component, SafetensorsFile file, Func<string, string>? fileKey = null)
        : this(component, file, fileKey == null ? ComponentKeyMap.Diffusers : new ComponentKeyMap("mapped", fileKey, _ => true))
    {
    }

    /// <summary>Creates the view of <paramref name="file"/> for <paramref name="component"/> through
    /// <paramref name="keyMap"/> (which also says which of the file's tensors are this network's). Internal so
    /// that <c>new ComponentWeights(name, file, null)</c> stays unambiguous; callers get views from
    /// <see cref="ComponentSource{TConfig}"/>.</summary>
    internal ComponentWeights(string component, SafetensorsFile file, ComponentKeyMap keyMap)
    {
        Component = component;
        File = file;
        KeyMap = keyMap;
    }

    /// <summary>What these weights are ("unet", "vae", ...).</summary>
    public string Component { get; }

    /// <summary>The checkpoint that holds them.</summary>
    public SafetensorsFile File { get; }

    /// <summary>How diffusers keys are found in <see cref="File"/>.</summary>
    public ComponentKeyMap KeyMap { get; }

    /// <summary>The problems recorded so far ("N tensor(s) missing: ...", "x has shape [..], the config expects
    /// [..]", "x has N value(s) that are NaN, ..."), in the order found.</summary>
    public IReadOnlyList<string> Problems =>
        (_missing.Count > 0 ? [$"{_missing.Count} tensor(s) missing: {string.Join(", ", _missing)}"] : Array.Empty<string>())
        .Concat(_misshapen).Concat(_corrupt).ToList();

    /// <summary>The missing tensors recorded so far (file keys, with the diffusers key when they differ).</summary>
    public IReadOnlyList<string> Missing => _missing;

    /// <summary>True when the file holds <paramref name="key"/> (a diffusers key).</summary>
    public bool Contains(string key) => File.Tensors.ContainsKey(KeyMap.ToFileKey(key));

    /// <summary>The file key that holds <paramref name="key"/> (a diffusers key), whether or not it exists.</summary>
    public string FileKey(string key) => KeyMap.ToFileKey(key);

    /// <summary>
    /// The tensor for <paramref name="key"/>, checked against the shape the graph expects. A stored shape that
    /// differs only by trailing 1-sized dimensions (a 1x1 convolution stored for a linear layer, or the reverse, as
    /// the VAE's mid attention in single files) is accepted: the bytes are the same. Returns null and records the
    /// problem when the tensor is missing, misshapen or not a float, and records (still returning it) values that are
    /// NaN, infinite or beyond float16's range (<see cref="WeightScan"/>: one pass over its bytes); call
    /// <see cref="ThrowIfProblems"/> once the graph is built.
    /// </summary>
    public SafetensorsTensor? Get(string key, params long[] expectedShape)
    {
        string fileKey = KeyMap.ToFileKey(key);
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
            _misshapen.Add($"{fileKey} is {tensor.DType.HeaderName()}, a weight must be F32, F16 or BF16");
            return null;
        }
        if (_scanned.Add(fileKey) && WeightScan.Scan(File, tensor) is { } finding)
            _corrupt.Add(WeightScan.Describe(fileKey, finding));
        return tensor;
    }

    /// <summary>Throws one <see cref="CheckpointException"/> listing every missing and misshapen tensor;
    /// <paramref name="hint"/> (the likely cause) is appended.</summary>
    public void ThrowIfProblems(string? hint = null)
    {
        if (_missing.Count == 0 && _misshapen.Count == 0 && _corrupt.Count == 0)
            return;
        var lines = new List<string>();
        if (_missing.Count > 0)
            lines.Add($"{_missing.Count} tensor(s) missing: {string.Join(", ", _missing.Take(20))}{(_missing.Count > 20 ? ", ..." : "")}");
        lines.AddRange(_misshapen.Take(20));
        if (_misshapen.Count > 20)
            lines.Add($"... and {_misshapen.Count - 20} more misshapen tensors");
        lines.AddRange(_corrupt.Take(20));
        if (_corrupt.Count > 20)
            lines.Add($"... and {_corrupt.Count - 20} more tensors with NaN, infinite or out-of-range values");
        string what = _missing.Count + _misshapen.Count > 0 ? "do not match its configuration" : "hold values no trained model has";
        string message = $"{File.Path}: the {Component} weights {what}:\n  " + string.Join("\n  ", lines);
        if (hint != null)
            message += "\n" + hint;
        throw new CheckpointException(File.Path, message, _missing.Count > 0 ? _missing[0] : _corrupt.Count > 0 && _misshapen.Count == 0 ? FirstName(_corrupt[0]) : null);
    }

    /// <summary>File keys of this network that no lookup used and that are not known non-weights: reported, not
    /// an error. <paramref name="belongsToComponent"/> narrows the file keys considered (default: the key map's).</summary>
    public IReadOnlyList<string> Unused(Func<string, bool>? belongsToComponent = null) =>
        File.Tensors.Keys.Where(k => !_used.Contains(k) && !KeyMap.Ignores(k) && (belongsToComponent ?? KeyMap.Owns)(k))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>File keys of this network that the key map ignores (buffers such as position_ids).</summary>
    public IReadOnlyList<string> Ignored() =>
        File.Tensors.Keys.Where(k => KeyMap.Owns(k) && KeyMap.Ignores(k)).Order(StringComparer.Ordinal).ToList();

    /// <summary>The tensors of this network (owned by the key map, not ignored).</summary>
    public IEnumerable<SafetensorsTensor> OwnTensors() =>
        File.Tensors.Values.Where(t => KeyMap.Owns(t.Name) && !KeyMap.Ignores(t.Name));

    private static string FirstName(string problem) => problem[..problem.IndexOf(' ', StringComparison.Ordinal)];

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
