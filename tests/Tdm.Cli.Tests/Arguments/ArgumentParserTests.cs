using Tdm.Cli.Arguments;

namespace Tdm.Cli.Tests.Arguments;

public class ArgumentParserTests
{
    private static readonly CommandSpec s_spec = new(
        "demo",
        "tdm demo IN -o OUT",
        "a command for tests",
        [new("--output", "OUT", "output", "-o"), new("--steps", "N", "steps"), new("--guidance", "G", "guidance"), new("--overwrite", null, "flag")],
        MinPositionals: 1,
        MaxPositionals: 1);

    [Fact]
    public void Parse_SpaceEqualsAndAliasForms_AllStoreTheValue()
    {
        var parsed = ArgumentParser.Parse(s_spec, ["in.mp4", "-o", "out.mp4", "--steps=3", "--guidance", "2.5", "--overwrite"]);

        Assert.Equal(["in.mp4"], parsed.Positionals);
        Assert.Equal("out.mp4", parsed.String("--output"));
        Assert.Equal(3, parsed.Int("--steps", 0, 1, 10));
        Assert.Equal(2.5f, parsed.Float("--guidance", 0, 0, 10));
        Assert.True(parsed.Flag("--overwrite"));
    }

    [Fact]
    public void Parse_NegativeNumberAfterOption_IsTheValue()
    {
        var parsed = ArgumentParser.Parse(s_spec, ["in.mp4", "--guidance", "-1"]);
        Assert.Equal("-1", parsed.String("--guidance"));
    }

    [Fact]
    public void Parse_UnknownOption_NamesItAndSuggestsTheNearest()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(s_spec, ["in.mp4", "--stpes", "3"]));
        Assert.Contains("unknown option '--stpes'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean --steps?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FarFromAnyOption_NoSuggestion()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(s_spec, ["in.mp4", "--frobnicate"]));
        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RepeatedOption_Rejected()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(s_spec, ["in.mp4", "--steps", "3", "--steps", "4"]));
        Assert.Contains("--steps is given twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionWithoutValueAtEnd_Rejected()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(s_spec, ["in.mp4", "--steps"]));
        Assert.Contains("--steps needs a value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FlagWithValue_Rejected()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(s_spec, ["in.mp4", "--overwrite=yes"]));
        Assert.Contains("takes no value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DoubleDash_TreatsTheRestAsArguments()
    {
        var parsed = ArgumentParser.Parse(s_spec, ["--", "-strange-name.mp4"]);
        Assert.Equal(["-strange-name.mp4"], parsed.Positionals);
    }

    [Fact]
    public void Parse_WrongArgumentCount_Rejected()
    {
        Assert.Contains("needs 1 argument", Assert.Throws<UsageException>(() => ArgumentParser.Parse(s_spec, [])).Message, StringComparison.Ordinal);
        Assert.Contains("unexpected argument 'b.mp4'", Assert.Throws<UsageException>(() => ArgumentParser.Parse(s_spec, ["a.mp4", "b.mp4"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Help_SkipsTheArgumentCount()
    {
        Assert.True(ArgumentParser.Parse(s_spec, ["--help"]).HelpRequested);
        Assert.True(ArgumentParser.Parse(s_spec, ["-h"]).HelpRequested);
    }
}
