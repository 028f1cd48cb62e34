using Tdm.Cli.Arguments;

namespace Tdm.Cli.Tests.Arguments;

public class ParsedArgumentsTests
{
    private static readonly CommandSpec s_spec = new("demo", "tdm demo", "tests",
        [new("--steps", "N", "steps"), new("--guidance", "G", "guidance"), new("--mode", "M", "mode"), new("--name", "S", "name")]);

    private static ParsedArguments Parse(params string[] args) => ArgumentParser.Parse(s_spec, args);

    [Fact]
    public void Int_Absent_GivesFallback() => Assert.Equal(32, Parse().Int("--steps", 32, 1, 1000));

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("3.5")]
    [InlineData("many")]
    public void Int_OutOfRangeOrNotAWholeNumber_NamesOptionRangeAndValue(string value)
    {
        var error = Assert.Throws<UsageException>(() => Parse("--steps", value).Int("--steps", 32, 1, 1000));
        Assert.Equal($"--steps must be a whole number from 1 to 1000, got '{value}'", error.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("1e9")]
    [InlineData("seven")]
    public void Float_NotFiniteOrOutOfRange_Rejected(string value)
    {
        var error = Assert.Throws<UsageException>(() => Parse("--guidance", value).Float("--guidance", 7.5f, 0, 100));
        Assert.Contains($"got '{value}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choice_IsCaseInsensitive() =>
        Assert.Equal(2, Parse("--mode", "TWO").Choice("--mode", 0, [new("one", 1), new("two", 2)]));

    [Fact]
    public void Choice_Unknown_ListsTheChoices()
    {
        var error = Assert.Throws<UsageException>(() => Parse("--mode", "three").Choice("--mode", 0, [new("one", 1), new("two", 2)]));
        Assert.Equal("--mode must be one of one, two; got 'three'", error.Message);
    }

    [Fact]
    public void NonEmpty_EmptyValue_Rejected() =>
        Assert.Throws<UsageException>(() => Parse("--name=").NonEmpty("--name"));
}
