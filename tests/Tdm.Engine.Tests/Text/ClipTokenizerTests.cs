using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Text;
using Tdm.Tests;
using Xunit.Abstractions;

namespace Tdm.Engine.Tests.Text;

public class ClipTokenizerTests(ITestOutputHelper output)
{
    private static readonly Lazy<ClipTokenizer> s_golden = new(() => ClipTokenizer.FromFolder(Golden.Path("models", "tokenizer")));

    private static ClipTokenizer GoldenTokenizer => s_golden.Value;

    [Fact]
    public void Encode_EveryGoldenCase_MatchesIdsExactly()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Golden.Path("vectors", "tokenizer_test.json")));
        var root = doc.RootElement;
        Assert.Equal(root.GetProperty("bos").GetInt32(), GoldenTokenizer.BosId);
        Assert.Equal(root.GetProperty("eos").GetInt32(), GoldenTokenizer.EosId);
        int maxLength = root.GetProperty("max_length").GetInt32();
        int cases = 0;
        foreach (var entry in root.GetProperty("entries").EnumerateArray())
        {
            string text = entry.GetProperty("text").GetString()!;
            int[] expected = [.. entry.GetProperty("ids_no_special").EnumerateArray().Select(e => e.GetInt32())];
            long[] expected77 = [.. entry.GetProperty("input_ids_77").EnumerateArray().Select(e => e.GetInt64())];
            Assert.True(expected.SequenceEqual(GoldenTokenizer.Encode(text)), $"ids of \"{text}\"");
            Assert.True(expected77.SequenceEqual(GoldenTokenizer.EncodeForModel(text, maxLength)), $"input_ids of \"{text}\"");
            cases++;
        }
        Assert.True(cases >= 10, $"only {cases} golden cases were read");
    }

    [Theory]
    [InlineData("e2e/prompts_and_latents.safetensors", "cond.input_ids", new[] { "remove the noise" })]
    [InlineData("e2e/prompts_and_latents.safetensors", "uncond.input_ids", new[] { "" })]
    [InlineData("vectors/text_encoder.safetensors", "input_ids", new[] { "remove the noise", "", "a photo of a cat" })]
    public void EncodeForModel_GoldenTensorPrompts_MatchInputIds(string file, string tensor, string[] prompts)
    {
        using var st = SafetensorsFile.Open(Golden.Path(file.Split('/')));
        long[] expected = MemoryMarshal.Cast<byte, long>(st.GetBytes(st[tensor])).ToArray();
        long[] actual = [.. prompts.SelectMany(p => GoldenTokenizer.EncodeForModel(p))];
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EncodeForModel_LongPrompt_TruncatesAndEndsWithEos()
    {
        long[] ids = GoldenTokenizer.EncodeForModel(string.Join(' ', Enumerable.Repeat("rain", 100)), 10);
        Assert.Equal(10, ids.Length);
        Assert.Equal(GoldenTokenizer.BosId, ids[0]);
        Assert.Equal(GoldenTokenizer.EosId, ids[9]);
        Assert.All(ids[1..9], id => Assert.Equal(2443, id)); // "rain</w>" in CLIP's vocabulary
    }

    [Fact]
    public void Encode_SpecialTokenInText_GivesItsId()
    {
        Assert.Equal([GoldenTokenizer.BosId, 2443, GoldenTokenizer.EosId], GoldenTokenizer.Encode("<|startoftext|>rain <|endoftext|>"));
    }

    [Fact]
    public void Encode_SpecialInsidePunctuationRun_SplitByTheRegexAsClipDoes()
    {
        // CLIP's regex reads "'<|" as one run of punctuation, so no special token comes out; a pre-tokenizer that
        // split the specials out first would give "'" and <|endoftext|>.
        int[] expected = [.. GoldenTokenizer.Encode("'<|"), .. GoldenTokenizer.Encode("endoftext"), .. GoldenTokenizer.Encode("|>")];
        Assert.Equal(expected, GoldenTokenizer.Encode("'<|endoftext|>"));
        Assert.DoesNotContain(GoldenTokenizer.EosId, expected);
    }

    [Fact]
    public void Encode_SameTextTwice_SameIds()
    {
        const string text = "Remove the Noise, remove the   noise!";
        Assert.Equal(GoldenTokenizer.Encode(text), GoldenTokenizer.Encode(text));
    }

    [Theory]
    [InlineData("Remove  the NOISE", "remove the noise")]
    [InlineData("naïve café – ünïcödé 🎬", "naïve café – ünïcödé 🎬")]
    [InlineData("it's 1080p, 4k & hdr!", "it 's 1 0 8 0 p , 4 k & hdr !")] // every pre-token ends a CLIP word
    public void Decode_EncodedText_GivesCleanedWords(string text, string expected)
    {
        Assert.Equal(expected, GoldenTokenizer.Decode(GoldenTokenizer.Encode(text)));
    }

    /// <summary>The golden (full CLIP) tokenizer folder loads completely. Its load time is printed, never asserted:
    /// speed is for benchmarks, and a timed assertion fails on a busy shared machine.</summary>
    [Fact]
    public void FromFolder_GoldenFolder_LoadsEveryTokenAndMerge()
    {
        string folder = Golden.Path("models", "tokenizer");
        var watch = Stopwatch.StartNew();
        var tokenizer = ClipTokenizer.FromFolder(folder);
        output.WriteLine($"ClipTokenizer.FromFolder: {watch.Elapsed.TotalMilliseconds:F1} ms ({tokenizer.MergeCount} merges, {tokenizer.VocabularySize} ids)");
        Assert.Equal(48894, tokenizer.MergeCount);
        Assert.Equal(49408, tokenizer.VocabularySize);
    }

    [Fact]
    public void FromFolder_ModelRoot_FindsTokenizerSubfolder()
    {
        Assert.Equal(GoldenTokenizer.BosId, ClipTokenizer.FromFolder(Golden.Path("models")).BosId);
    }

    [Fact]
    public void FromFolder_MissingMerges_NamesTheFile()
    {
        using var dir = new TempFolder();
        File.Copy(Golden.Path("models", "tokenizer", "vocab.json"), Path.Combine(dir.Path, "vocab.json"));
        var e = Assert.Throws<TdmException>(() => ClipTokenizer.FromFolder(dir.Path));
        Assert.Equal(TdmErrorKind.Model, e.Kind);
        Assert.Contains("merges.txt", e.Message);
    }

    [Theory]
    [InlineData("{\"a\": 1,", "not valid JSON")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("{\"a\": \"x\"}", "no non-negative integer id")]
    [InlineData("{\"a\": 0, \"<|startoftext|>\": 1, \"<|endoftext|>\": 2}", "byte 0x")]
    [InlineData("{\"a\": 0}", "<|startoftext|> is missing")]
    [InlineData("{\"a\\ud800\": 0}", "the key \"a\\ud800\" at byte 1 escapes a lone UTF-16 surrogate")]
    [InlineData("{\"a\": 2000000000}", "has id 2000000000; a vocabulary has at most 1000000 ids")]
    public void FromFolder_BrokenVocab_NamesFileAndProblem(string vocab, string expected)
    {
        using var dir = new TempFolder();
        File.WriteAllText(Path.Combine(dir.Path, "vocab.json"), vocab);
        File.WriteAllText(Path.Combine(dir.Path, "merges.txt"), "#version: 0.2\n");
        var e = Assert.Throws<TdmException>(() => ClipTokenizer.FromFolder(dir.Path));
        Assert.Equal(TdmErrorKind.Model, e.Kind);
        Assert.Contains("vocab.json", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("i n\nthree symbols here\n", "line 3")]
    [InlineData("i n\nqq zz\n", "lacks")]
    public void FromFolder_BrokenMerges_NamesFileAndLine(string merges, string expected)
    {
        using var dir = new TempFolder();
        File.Copy(Golden.Path("models", "tokenizer", "vocab.json"), Path.Combine(dir.Path, "vocab.json"));
        File.WriteAllText(Path.Combine(dir.Path, "merges.txt"), "#version: 0.2\n" + merges);
        var e = Assert.Throws<TdmException>(() => ClipTokenizer.FromFolder(dir.Path));
        Assert.Equal(TdmErrorKind.Model, e.Kind);
        Assert.Contains("merges.txt", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void FromFolder_RepeatedMerge_KeepsItsLastRank()
    {
        // As CLIP's dict(zip(merges, ...)): the repeat moves "a b" after "b c</w>" (Microsoft.ML.Tokenizers itself
        // rejects a repeated pair, so FromFolder drops the earlier line).
        static IReadOnlyList<int> Abc(string merges)
        {
            using var dir = new TempFolder();
            File.Copy(Golden.Path("models", "tokenizer", "vocab.json"), Path.Combine(dir.Path, "vocab.json"));
            File.WriteAllText(Path.Combine(dir.Path, "merges.txt"), "#version: 0.2\n" + merges);
            var tokenizer = ClipTokenizer.FromFolder(dir.Path);
            Assert.Equal(merges.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().Count(), tokenizer.MergeCount);
            return tokenizer.Encode("abc");
        }

        var repeated = Abc("a b\nb c</w>\na b\n");
        Assert.Equal(Abc("b c</w>\na b\n"), repeated); // "a" "bc</w>"
        Assert.NotEqual(Abc("a b\nb c</w>\n"), repeated); // "ab" "c</w>"
    }

    [Fact]
    public void EncodeForModel_LengthBelowTwo_ThrowsBadArgument()
    {
        var e = Assert.Throws<TdmException>(() => GoldenTokenizer.EncodeForModel("rain", 1));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
    }
}
