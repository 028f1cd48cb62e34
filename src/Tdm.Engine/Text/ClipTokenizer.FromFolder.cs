using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Tdm.Engine.Text;

internal sealed partial class ClipTokenizer
{
    /// <summary>File holding the token-to-id map.</summary>
    public const string VocabFileName = "vocab.json";

    /// <summary>File holding the BPE merges, one "left right" pair per line in rank order.</summary>
    public const string MergesFileName = "merges.txt";

    /// <summary>
    /// Loads the tokenizer from <paramref name="folder"/> (a diffusers <c>tokenizer/</c> folder, or a model folder
    /// that has one). Throws <see cref="TdmException"/> of kind <see cref="TdmErrorKind.Model"/> naming the file
    /// when a file is missing or malformed.
    /// </summary>
    public static ClipTokenizer FromFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!File.Exists(Path.Combine(folder, VocabFileName)) && Directory.Exists(Path.Combine(folder, "tokenizer")))
            folder = Path.Combine(folder, "tokenizer");
        string vocabPath = Path.Combine(folder, VocabFileName);
        string mergesPath = Path.Combine(folder, MergesFileName);
        foreach (var path in (ReadOnlySpan<string>)[vocabPath, mergesPath])
            if (!File.Exists(path))
                throw new TdmException(TdmErrorKind.Model,
                    $"CLIP tokenizer file {path} is missing: a tokenizer folder holds {VocabFileName} and {MergesFileName} " +
                    "(a diffusers model folder has them in tokenizer/)");

        var vocab = ReadVocab(vocabPath);
        return Build(vocab, mergesPath);
    }

    private static Dictionary<string, int> ReadVocab(string path)
    {
        byte[] json = ReadFile(path);
        var vocab = new Dictionary<string, int>(json.Length / 16, StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw Broken(path, "it is not a JSON object of token -> id");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string token = Token(path, ref reader);
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int id) || id < 0)
                    throw Broken(path, $"token \"{token}\" has no non-negative integer id");
                // Bounded before the id table is sized from it: an id of 2e9 in a small file would ask for 16 GB.
                if (id >= Configs.ConfigLimits.MaxVocabulary)
                    throw Broken(path, $"token \"{token}\" has id {id}; a vocabulary has at most {Configs.ConfigLimits.MaxVocabulary} ids (CLIP's: 49408)");
                vocab[token] = id; // a repeated key keeps the last id, as Python's json does
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                throw Broken(path, $"unexpected {reader.TokenType} where a token was expected");
        }
        catch (JsonException e)
        {
            throw new TdmException(TdmErrorKind.Model, $"CLIP vocabulary {path} is not valid JSON: {e.Message}", e);
        }
        return vocab;
    }

    // A key escaping a lone surrogate ("\ud800") is no token: System.Text.Json throws InvalidOperationException on it.
    private static string Token(string path, ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            string raw = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            throw Broken(path, $"the key \"{raw}\" at byte {reader.TokenStartIndex} escapes a lone UTF-16 surrogate, which is not text");
        }
    }

    private static ClipTokenizer Build(Dictionary<string, int> vocab, string mergesPath)
    {
        string vocabPath = Path.Combine(Path.GetDirectoryName(mergesPath)!, VocabFileName);
        int size = 0;
        foreach (int id in vocab.Values)
            size = Math.Max(size, id + 1);
        var idToToken = new string?[size];
        foreach (var (token, id) in vocab)
        {
            if (idToToken[id] is { } other)
                throw Broken(vocabPath, $"tokens \"{other}\" and \"{token}\" share id {id}");
            idToToken[id] = token;
        }

        int bos = SpecialId(vocab, vocabPath, StartOfText);
        int eos = SpecialId(vocab, vocabPath, EndOfText);
        // Checked here because the library would silently drop a character whose byte symbol is missing.
        for (int b = 0; b < 256; b++)
        {
            string symbol = ClipByteEncoding.ByteToChar[b].ToString();
            if (!vocab.ContainsKey(symbol) || !vocab.ContainsKey(symbol + ClipByteEncoding.EndOfWord))
                throw Broken(vocabPath,
                    $"byte 0x{b:X2} has no symbol \"{symbol}\" or \"{symbol}{ClipByteEncoding.EndOfWord}\": not a CLIP byte-level vocabulary");
        }

        var merges = ReadMerges(mergesPath, vocab);
        BpeTokenizer bpe;
        try
        {
            bpe = BpeTokenizer.Create(new BpeOptions(vocab)
            {
                Merges = merges,
                Normalizer = ClipTextCleanup.Instance,
                PreTokenizer = new RegexPreTokenizer(PreTokenizerRegex(), specialTokens: null),
                SpecialTokens = new Dictionary<string, int> { [StartOfText] = bos, [EndOfText] = eos },
                EndOfWordSuffix = ClipByteEncoding.EndOfWord,
                ByteLevel = true,
            });
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The checks above cover what the library refuses; this keeps the contract if a version refuses more.
            throw new TdmException(TdmErrorKind.Model,
                $"CLIP tokenizer files {vocabPath} and {mergesPath} were refused by Microsoft.ML.Tokenizers: {e.Message}", e);
        }
        return new ClipTokenizer(bpe, idToToken, bos, eos, merges.Count);
    }

    /// <summary>
    /// The merges in rank order as "left right" lines, checked with file and line in the message (the library's
    /// own errors name neither). A repeated pair keeps its last rank, as CLIP's dict(zip(merges, range(...))) does;
    /// the library would reject the repeat.
    /// </summary>
    private static List<string> ReadMerges(string path, Dictionary<string, int> vocab)
    {
        // Checked with span lookups on the raw text; the one string per line is what BpeOptions.Merges takes.
        var lookup = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        string text = Encoding.UTF8.GetString(ReadFile(path));
        var lines = new List<string>(text.Length / 10);
        var lastRank = new Dictionary<string, int>(text.Length / 10, StringComparer.Ordinal);
        Span<char> joined = stackalloc char[256];
        int lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            // Line 1 is "#version: 0.2"; CLIP's own loader also skips it. Blank lines (a final newline) carry nothing.
            if (line.IsEmpty || (lineNumber == 1 && line.StartsWith("#version")))
                continue;
            int space = line.IndexOf(' ');
            if (space <= 0 || space == line.Length - 1 || line[(space + 1)..].Contains(' '))
                throw Broken(path, $"line {lineNumber} \"{line}\" is not two symbols separated by one space");
            var left = line[..space];
            var right = line[(space + 1)..];
            if (left.Length + right.Length > joined.Length)
                throw Broken(path, $"line {lineNumber}: merged symbol longer than {joined.Length} characters");
            left.CopyTo(joined);
            right.CopyTo(joined[left.Length..]);
            if (!lookup.ContainsKey(left) || !lookup.ContainsKey(right) || !lookup.ContainsKey(joined[..(left.Length + right.Length)]))
                throw Broken(path, $"line {lineNumber} \"{line}\" names a symbol that {VocabFileName} lacks: " +
                    "the two files do not belong together");
            string merge = line.ToString();
            lastRank[merge] = lines.Count;
            lines.Add(merge);
        }
        if (lastRank.Count == lines.Count)
            return lines;
        var unique = new List<string>(lastRank.Count);
        for (int rank = 0; rank < lines.Count; rank++)
            if (lastRank[lines[rank]] == rank)
                unique.Add(lines[rank]);
        return unique;
    }

    private static int SpecialId(Dictionary<string, int> vocab, string path, string token) =>
        vocab.TryGetValue(token, out int id) ? id
            : throw Broken(path, $"the special token {token} is missing (a CLIP vocabulary ends with {StartOfText} and {EndOfText})");

    /// <summary>The largest tokenizer file read: CLIP's vocab.json is 1.0 MB and merges.txt 0.5 MB.</summary>
    public const long MaxFileBytes = 64 << 20;

    private static byte[] ReadFile(string path)
    {
        if (RegularFile.Problem(path) is { } problem)
            throw new TdmException(TdmErrorKind.Model, RegularFile.Message(path, "CLIP tokenizer file", problem));
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
                throw Broken(path, $"{length} bytes is more than a tokenizer file holds (at most {MaxFileBytes}; CLIP's are about 1 MB)");
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TdmException(TdmErrorKind.Model, $"CLIP tokenizer file {path} cannot be read: {e.Message}", e);
        }
    }

    private static TdmException Broken(string path, string what) =>
        new(TdmErrorKind.Model, $"CLIP tokenizer file {path} is malformed: {what}");
}
