namespace Tdm.Dataset;

/// <summary>
/// The parameters a degradation drew for one pair, in the order drawn; they become extra keys of the pair's
/// metadata.jsonl row (values are numbers, booleans or strings).
/// </summary>
public sealed class DegradationRecord
{
    private readonly List<KeyValuePair<string, object>> _values = [];

    /// <summary>The drawn values, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Values => _values;

    /// <summary>Records a drawn value and returns it.</summary>
    public T Add<T>(string key, T value) where T : notnull
    {
        _values.Add(new(key, value));
        return value;
    }

    /// <summary>The value recorded under <paramref name="key"/> (the first), or null.</summary>
    public object? Get(string key) => _values.FirstOrDefault(v => v.Key == key).Value;
}
