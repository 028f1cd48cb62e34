using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Tdm.Engine.Text;

/// <summary>
/// CLIP's byte-level BPE tokenizer (the one Stable Diffusion 1.5 feeds its text encoder), built from a diffusers
/// tokenizer folder's vocab.json and merges.txt. Immutable after loading and safe to share between threads.
/// </summary>
/// <remarks>
/// Text cleanup follows CLIP: whitespace runs become one space, the ends are trimmed, the text is lower-cased.
/// CLIP also runs ftfy's mojibake repair and HTML unescaping (twice) first; both are out of scope here, so
/// "&amp;amp;" stays literal and broken encodings are tokenized as they are. Unicode normalisation (NFC, which the
/// "fast" Hugging Face tokenizer applies) is not applied either. For the ASCII prompts of restoration this
/// matches transformers' CLIPTokenizer exactly (checked against the golden vectors).
/// </remarks>
public sealed partial class ClipTokenizer
{
    /// <summary>The prompt length Stable Diffusion 1.5's text encoder takes.</summary>
    public const int ModelLength = 77;

    private const int MaxCachedWords = 1 << 16;

    // Symbol ids for the first symbols of a word (one per byte) and for a word's last byte ('</w>' form).
    private readonly int[] _byteIds;
    private readonly int[] _byteEndIds;
    // (left id, right id) -> (merge rank, merged id); a lower rank merges first.
    private readonly Dictionary<long, (int Rank, int Merged)> _merges;
    private readonly string?[] _idToToken;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    private ClipTokenizer(int[] byteIds, int[] byteEndIds, Dictionary<long, (int, int)> merges, string?[] idToToken,
        int bosId, int eosId)
    {
        _byteIds = byteIds;
        _byteEndIds = byteEndIds;
        _merges = merges;
        _idToToken = idToToken;
        BosId = bosId;
        EosId = eosId;
        // CLIP seeds its cache with the two specials so that typing them in a prompt yields their ids.
        _cache[StartOfText] = [bosId];
        _cache[EndOfText] = [eosId];
    }

    /// <summary>Name of the start-of-text special token.</summary>
    public const string StartOfText = "<|startoftext|>";

    /// <summary>Name of the end-of-text special token (also CLIP's padding and unknown token).</summary>
    public const string EndOfText = "<|endoftext|>";

    /// <summary>Id of <c>&lt;|startoftext|&gt;</c> in the vocabulary (49406 for CLIP).</summary>
    public int BosId { get; }

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c> in the vocabulary (49407 for CLIP); also used for padding.</summary>
    public int EosId { get; }

    /// <summary>Number of slots in the id space: the largest id in vocab.json plus one.</summary>
    public int VocabularySize => _idToToken.Length;

    /// <summary>Number of BPE merges loaded from merges.txt.</summary>
    public int MergeCount => _merges.Count;

    /// <summary>Tokenizes <paramref name="text"/> into vocabulary ids, without the start and end tokens.</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        string cleaned = Clean(text);
        foreach (var match in PreTokenizer().EnumerateMatches(cleaned))
        {
            string word = cleaned.Substring(match.Index, match.Length);
            if (!_cache.TryGetValue(word, out int[]? wordIds))
            {
                wordIds = Bpe(word);
                if (_cache.Count >= MaxCachedWords)
                    _cache.Clear(); // bounded: a long batch of unusual prompts must not grow memory forever
                _cache.TryAdd(word, wordIds);
            }
            ids.AddRange(wordIds);
        }
        return ids;
    }

    /// <summary>
    /// The ids the text encoder takes: start token, the first <paramref name="length"/> - 2 ids of the prompt
    /// (longer prompts are truncated, as Stable Diffusion's pipeline does), end token, then end tokens as padding.
    /// </summary>
    public long[] EncodeForModel(string text, int length = ModelLength)
    {
        if (length < 2)
            throw new TdmException(TdmErrorKind.BadArgument,
                $"a model prompt needs room for the start and end tokens: length {length} is below 2");
        var ids = Encode(text);
        var result = new long[length];
        result[0] = BosId;
        int n = Math.Min(ids.Count, length - 2);
        for (int i = 0; i < n; i++)
            result[i + 1] = ids[i];
        result.AsSpan(n + 1).Fill(EosId);
        return result;
    }

    /// <summary>Turns ids back into text ('&lt;/w&gt;' becomes a space; invalid UTF-8 becomes U+FFFD).</summary>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var symbols = new StringBuilder();
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)_idToToken.Length || _idToToken[id] is not { } token)
                throw new TdmException(TdmErrorKind.BadArgument,
                    $"token id {id} is not in the vocabulary (ids 0..{_idToToken.Length - 1})");
            symbols.Append(token);
        }
        var bytes = new List<byte>(symbols.Length);
        foreach (var chunk in symbols.GetChunks())
            foreach (char c in chunk.Span)
            {
                int b = ClipByteEncoding.CharToByte(c);
                if (b >= 0)
                    bytes.Add((byte)b);
                else
                    bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString())); // not a byte symbol: keep as UTF-8
            }
        return Encoding.UTF8.GetString([.. bytes]).Replace(ClipByteEncoding.EndOfWord, " ", StringComparison.Ordinal).Trim();
    }

    /// <summary>CLIP's cleanup without ftfy and HTML unescaping: collapse whitespace, trim, lower-case.</summary>
    internal static string Clean(string text) => Whitespace().Replace(text, " ").Trim().ToLowerInvariant();

    /// <summary>
    /// Byte-level BPE of one pre-token: one symbol per UTF-8 byte, '&lt;/w&gt;' on the last, then repeatedly merge
    /// every occurrence of the adjacent pair with the lowest rank until no ranked pair is left.
    /// </summary>
    private int[] Bpe(string word)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(word);
        var symbols = new List<int>(bytes.Length);
        for (int i = 0; i < bytes.Length; i++)
            symbols.Add(i == bytes.Length - 1 ? _byteEndIds[bytes[i]] : _byteIds[bytes[i]]);

        while (symbols.Count > 1)
        {
            int bestRank = int.MaxValue;
            long bestPair = 0;
            int bestMerged = 0;
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                if (_merges.TryGetValue(PairKey(symbols[i], symbols[i + 1]), out var m) && m.Rank < bestRank)
                    (bestRank, bestPair, bestMerged) = (m.Rank, PairKey(symbols[i], symbols[i + 1]), m.Merged);
            }
            if (bestRank == int.MaxValue)
                break;
            // Merge left to right without overlap, as CLIP's loop does ("a a a" with pair (a, a) -> "aa a").
            int write = 0;
            for (int read = 0; read < symbols.Count; write++)
            {
                if (read + 1 < symbols.Count && PairKey(symbols[read], symbols[read + 1]) == bestPair)
                {
                    symbols[write] = bestMerged;
                    read += 2;
                }
                else
                {
                    symbols[write] = symbols[read++];
                }
            }
            symbols.RemoveRange(write, symbols.Count - write);
        }
        return [.. symbols];
    }

    private static long PairKey(int left, int right) => ((long)left << 32) | (uint)right;

    // CLIP's pre-tokenizer: the specials, English contractions, letter runs, single digits, runs of other
    // non-space characters. CLIP compiles it with IGNORECASE; the text is lower-cased before it runs anyway.
    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PreTokenizer();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
