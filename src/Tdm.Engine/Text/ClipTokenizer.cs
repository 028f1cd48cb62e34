using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Tdm.Engine.Text;

/// <summary>
/// CLIP's byte-level BPE tokenizer (the one Stable Diffusion 1.5 feeds its text encoder), built from a diffusers
/// tokenizer folder's vocab.json and merges.txt. Immutable after loading and safe to share between threads.
/// </summary>
/// <remarks>
/// The BPE is Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/> (merge loop and byte table are not ours to
/// maintain), configured as CLIP's: <see cref="ClipTextCleanup"/> as normalizer (whitespace runs to one space, trim,
/// lower-case), CLIP's pre-tokenizer regex, byte-level input, '&lt;/w&gt;' as end-of-word suffix, and the two
/// specials as special tokens, so that a pre-token spelling one yields its id as in CLIP. The pre-tokenizer is not
/// given the specials: it would split them out before the regex runs, which CLIP does not.
/// CLIP also runs ftfy (mojibake repair, ending in NFC) and HTML unescaping first; neither is done here, nor NFC
/// (which the "fast" Hugging Face tokenizer applies), so "&amp;amp;" stays literal. For the ASCII prompts of
/// restoration this matches transformers' CLIPTokenizer exactly (checked against the golden vectors).
/// </remarks>
internal sealed partial class ClipTokenizer
{
    /// <summary>The prompt length Stable Diffusion 1.5's text encoder takes.</summary>
    public const int ModelLength = 77;

    /// <summary>Name of the start-of-text special token.</summary>
    public const string StartOfText = "<|startoftext|>";

    /// <summary>Name of the end-of-text special token (also CLIP's padding and unknown token).</summary>
    public const string EndOfText = "<|endoftext|>";

    private readonly BpeTokenizer _bpe;
    // Token of each id (null for an unused id): bounds and word ends for Decode, which the library does not check.
    private readonly string?[] _idToToken;

    private ClipTokenizer(BpeTokenizer bpe, string?[] idToToken, int bosId, int eosId, int mergeCount)
    {
        _bpe = bpe;
        _idToToken = idToToken;
        BosId = bosId;
        EosId = eosId;
        MergeCount = mergeCount;
    }

    /// <summary>Id of <c>&lt;|startoftext|&gt;</c> in the vocabulary (49406 for CLIP).</summary>
    public int BosId { get; }

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c> in the vocabulary (49407 for CLIP); also used for padding.</summary>
    public int EosId { get; }

    /// <summary>Number of slots in the id space: the largest id in vocab.json plus one.</summary>
    public int VocabularySize => _idToToken.Length;

    /// <summary>Number of BPE merges loaded from merges.txt.</summary>
    public int MergeCount { get; }

    /// <summary>Tokenizes <paramref name="text"/> into vocabulary ids, without the start and end tokens.</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _bpe.EncodeToIds(text);
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
        // Truncated here, not by the library's maxTokenCount: the pipeline cuts at any token, even inside a word.
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
        // The library's byte-level decoder drops '</w>' without putting the space back, so words are decoded one
        // by one and joined. A word never splits a UTF-8 sequence (a pre-token is whole characters).
        var words = new List<string>();
        var word = new List<int>();
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)_idToToken.Length || _idToToken[id] is not { } token)
                throw new TdmException(TdmErrorKind.BadArgument,
                    $"token id {id} is not in the vocabulary (ids 0..{_idToToken.Length - 1})");
            word.Add(id);
            if (token.EndsWith(ClipByteEncoding.EndOfWord, StringComparison.Ordinal))
            {
                words.Add(_bpe.Decode(word));
                word.Clear();
            }
        }
        if (word.Count > 0)
            words.Add(_bpe.Decode(word));
        return string.Join(' ', words).Trim();
    }

    // CLIP's pre-tokenizer: the specials, English contractions, letter runs, single digits, runs of other
    // non-space characters. CLIP compiles it with IGNORECASE; the text is lower-cased before it runs anyway.
    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PreTokenizerRegex();
}
