using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using Tdm.Engine.Checkpoints;

using Tdm.Engine.Text;

namespace Tdm.Engine.Models.Synthetic;

/// <summary>
/// Writes a small, deterministic CLIP-format tokenizer (vocab.json, merges.txt, tokenizer_config.json) for the
/// project's random-weight models, where the real CLIP vocabulary cannot be downloaded. Layout as CLIP's: ids
/// 0..255 the byte symbols, 256..511 their '&lt;/w&gt;' (end of word) forms, then the learned merges, and the two
/// specials at the top of the id space; ids in between are unused (their embedding rows are never looked up).
/// </summary>
internal static class SyntheticVocabulary
{
    /// <summary>Stable Diffusion 1.5's vocabulary size (CLIP's 49,408 ids).</summary>
    public const int Sd15VocabularySize = 49408;

    /// <summary>Ids taken by the 512 byte symbols and the two specials: the smallest possible vocabulary.</summary>
    public const int MinimumVocabularySize = 512 + 2;

    // Every word of the task prompts and of common restoration prompts, plus frequent English words, so that such
    // prompts become whole-word tokens as they do with CLIP's vocabulary. Lower case: the tokenizer lower-cases.
    private static readonly string[] s_words =
    [
        // task prompts
        "remove", "the", "noise", "fog", "rain", "haze", "recover", "high", "resolution", "details", "compression",
        "artifacts", "mp",
        // restoration vocabulary
        "denoise", "dehaze", "derain", "deblur", "restore", "restored", "restoration", "enhance", "enhanced", "clean",
        "clear", "sharp", "sharpen", "detail", "detailed", "texture", "textures", "quality", "low", "noisy", "blur",
        "blurry", "blurred", "motion", "grain", "film", "snow", "mist", "smoke", "dust", "scratches", "artifact",
        "compressed", "jpeg", "video", "frame", "frames", "image", "photo", "picture", "footage", "old", "vintage",
        "color", "colour", "colors", "bright", "dark", "light", "lighting", "contrast", "exposure", "super",
        "upscale", "upscaled", "realistic", "natural", "professional", "cinematic", "camera", "lens", "focus",
        "ultra", "best", "masterpiece", "raw", "degraded", "distortion", "banding", "blocking", "ringing",
        "aliasing", "flicker", "stable", "consistent", "smooth", "fine", "crisp", "vivid", "resolution",
        // common English and scene words
        "a", "an", "and", "of", "in", "on", "with", "without", "to", "from", "at", "by", "for", "is", "it", "this",
        "that", "no", "not", "very", "more", "less", "all", "some", "cat", "dog", "person", "people", "man", "woman",
        "face", "faces", "street", "city", "road", "car", "tree", "trees", "sky", "water", "sea", "mountain",
        "building", "night", "day", "sun", "cloud", "clouds", "grass", "flower", "house", "room", "window",
    ];

    /// <summary>
    /// Writes the three tokenizer files into <paramref name="folder"/> (created if missing; existing files are
    /// replaced) for a vocabulary of <paramref name="vocabularySize"/> ids. The bytes depend only on the size.
    /// </summary>
    public static void Write(string folder, int vocabularySize = Sd15VocabularySize)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (vocabularySize < MinimumVocabularySize)
            throw new TdmException(TdmErrorKind.BadArgument,
                $"a CLIP vocabulary needs at least {MinimumVocabularySize} ids (256 bytes, their end-of-word forms, " +
                $"2 specials), got {vocabularySize}");

        var merges = LearnMerges(vocabularySize - MinimumVocabularySize);
        var tokens = new List<string>(512 + merges.Count);
        foreach (char c in ClipByteEncoding.VocabularyOrder)
            tokens.Add(c.ToString());
        foreach (char c in ClipByteEncoding.VocabularyOrder)
            tokens.Add(c + ClipByteEncoding.EndOfWord);
        var known = new HashSet<string>(tokens, StringComparer.Ordinal);
        foreach (var (left, right) in merges)
            if (known.Add(left + right)) // two merges may spell the same symbol; it keeps its first id
                tokens.Add(left + right);

        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, ClipTokenizer.VocabFileName), VocabJson(tokens, vocabularySize));
        var text = new StringBuilder("#version: 0.2\n");
        foreach (var (left, right) in merges)
            text.Append(left).Append(' ').Append(right).Append('\n');
        File.WriteAllBytes(Path.Combine(folder, ClipTokenizer.MergesFileName), new UTF8Encoding(false).GetBytes(text.ToString()));
        File.WriteAllBytes(Path.Combine(folder, "tokenizer_config.json"), ConfigJson());
    }

    /// <summary>
    /// Byte-pair-encoding training on the built-in words (each counted once): repeatedly merge the most frequent
    /// adjacent pair, ties broken by ordinal order of the pair, until every word is one symbol or the budget is
    /// spent. Deterministic by construction.
    /// </summary>
    internal static List<(string Left, string Right)> LearnMerges(int budget)
    {
        var words = new List<List<string>>();
        foreach (string word in new SortedSet<string>(s_words, StringComparer.Ordinal))
        {
            byte[] bytes = Encoding.UTF8.GetBytes(word);
            var symbols = new List<string>(bytes.Length);
            for (int i = 0; i < bytes.Length; i++)
                symbols.Add(ClipByteEncoding.ByteToChar[bytes[i]] + (i == bytes.Length - 1 ? ClipByteEncoding.EndOfWord : ""));
            words.Add(symbols);
        }

        var merges = new List<(string, string)>();
        var counts = new Dictionary<(string, string), int>();
        while (merges.Count < budget)
        {
            counts.Clear();
            foreach (var symbols in words)
                for (int i = 0; i + 1 < symbols.Count; i++)
                    counts[(symbols[i], symbols[i + 1])] = counts.GetValueOrDefault((symbols[i], symbols[i + 1])) + 1;
            if (counts.Count == 0)
                break;
            (string Left, string Right) best = ("", "");
            int bestCount = 0;
            foreach (var (pair, count) in counts)
            {
                if (count > bestCount || (count == bestCount && ComparePairs(pair, best) < 0))
                    (best, bestCount) = (pair, count);
            }
            merges.Add(best);
            foreach (var symbols in words)
                MergeAll(symbols, best.Left, best.Right);
        }
        return merges;
    }

    private static int ComparePairs((string Left, string Right) a, (string Left, string Right) b)
    {
        int c = string.CompareOrdinal(a.Left, b.Left);
        return c != 0 ? c : string.CompareOrdinal(a.Right, b.Right);
    }

    private static void MergeAll(List<string> symbols, string left, string right)
    {
        int write = 0;
        for (int read = 0; read < symbols.Count; write++)
        {
            if (read + 1 < symbols.Count && symbols[read] == left && symbols[read + 1] == right)
            {
                symbols[write] = left + right;
                read += 2;
            }
            else
            {
                symbols[write] = symbols[read++];
            }
        }
        symbols.RemoveRange(write, symbols.Count - write);
    }

    private static JsonWriterOptions WriterOptions(bool indented) =>
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = indented, NewLine = "\n" };

    private static byte[] VocabJson(List<string> tokens, int vocabularySize)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions(indented: false)))
        {
            json.WriteStartObject();
            for (int id = 0; id < tokens.Count; id++)
                json.WriteNumber(tokens[id], id);
            json.WriteNumber(ClipTokenizer.StartOfText, vocabularySize - 2);
            json.WriteNumber(ClipTokenizer.EndOfText, vocabularySize - 1);
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static byte[] ConfigJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions(indented: true)))
        {
            json.WriteStartObject();
            json.WriteBoolean("add_prefix_space", false);
            json.WriteString("bos_token", ClipTokenizer.StartOfText);
            json.WriteString("eos_token", ClipTokenizer.EndOfText);
            json.WriteString("pad_token", ClipTokenizer.EndOfText);
            json.WriteString("unk_token", ClipTokenizer.EndOfText);
            json.WriteNumber("model_max_length", ClipTokenizer.ModelLength);
            json.WriteBoolean("do_lower_case", true);
            json.WriteString("tokenizer_class", "CLIPTokenizer");
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
