using Tdm.Engine.Text;
using Xunit.Abstractions;
using Tdm.Engine.Models.Synthetic;

namespace Tdm.Engine.Tests.Text;

public class SyntheticVocabularyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(SyntheticVocabulary.Sd15VocabularySize)]
    [InlineData(1000)]
    public void Write_ThenLoad_TaskPromptsBecomeWholeWordsInRange(int vocabularySize)
    {
        using var dir = new TempFolder();
        SyntheticVocabulary.Write(dir.Path, vocabularySize);
        var tokenizer = ClipTokenizer.FromFolder(dir.Path);
        Assert.Equal(vocabularySize - 2, tokenizer.BosId);
        Assert.Equal(vocabularySize - 1, tokenizer.EosId);
        Assert.Equal(vocabularySize, tokenizer.VocabularySize);
        output.WriteLine($"{tokenizer.MergeCount} merges learned; ids {512 + tokenizer.MergeCount}..{vocabularySize - 3} unused");
        foreach (var task in new[] { RestorationTask.Denoise, RestorationTask.Dehaze, RestorationTask.Derain,
                     RestorationTask.Mp4Artifacts, RestorationTask.SuperResolution })
        {
            string prompt = TaskPrompts.Default.For(task);
            var ids = tokenizer.Encode(prompt);
            Assert.Equal(prompt.Split(' ').Length, ids.Count); // one token per word
            Assert.All(ids, id => Assert.InRange(id, 0, vocabularySize - 3));
            Assert.Equal(prompt, tokenizer.Decode(ids));
            long[] model = tokenizer.EncodeForModel(prompt);
            Assert.Equal(ClipTokenizer.ModelLength, model.Length);
            Assert.All(model, id => Assert.InRange(id, 0, vocabularySize - 1));
        }
    }

    [Fact]
    public void Write_AnyText_EncodesThroughByteSymbols()
    {
        using var dir = new TempFolder();
        SyntheticVocabulary.Write(dir.Path);
        var tokenizer = ClipTokenizer.FromFolder(dir.Path);
        const string text = "zebra café 42 🎬";
        Assert.Equal("zebra café 4 2 🎬", tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void Write_Twice_IdenticalBytes()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        SyntheticVocabulary.Write(a.Path);
        SyntheticVocabulary.Write(b.Path);
        foreach (string name in new[] { "vocab.json", "merges.txt", "tokenizer_config.json" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, name)), File.ReadAllBytes(Path.Combine(b.Path, name)));
    }

    [Fact]
    public void Write_TinyBudget_StillTokenizes()
    {
        using var dir = new TempFolder();
        SyntheticVocabulary.Write(dir.Path, SyntheticVocabulary.MinimumVocabularySize + 3);
        var tokenizer = ClipTokenizer.FromFolder(dir.Path);
        Assert.Equal(3, tokenizer.MergeCount);
        Assert.Equal("remove the noise", tokenizer.Decode(tokenizer.Encode("remove the noise")));
    }

    [Fact]
    public void Write_SizeBelowMinimum_ThrowsBadArgument()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<TdmException>(() => SyntheticVocabulary.Write(dir.Path, 100));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
    }
}
