using System.CommandLine;
using Tdm.Cli.CommandLine;

namespace Tdm.Cli.Tests.CommandLine;

/// <summary>The options' values: defaults, ranges, choices, and messages naming the option, the range and the value.</summary>
public class CliOptionsTests
{
    private static ParseResult Parse(Option option, params string[] args) =>
        TdmParser.Parse(new DocumentedCommand("demo", "tests", "tdm demo") { option }, args);

    private static string Rejected(Option option, params string[] args) => Assert.Throws<UsageException>(() => Parse(option, args)).Message;

    private static Option<int> Steps() => CliOptions.Int("--steps", "N", "steps", 32, 1, 1000);

    private static Option<int> Mode() => CliOptions.Choice("--mode", "mode", [new("one", 1), new("two", 2)], 1);

    [Fact]
    public void Int_Absent_GivesFallback() => Assert.Equal(32, Parse(Steps()).GetValue<int>("--steps"));

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("3.5")]
    [InlineData("many")]
    public void Int_OutOfRangeOrNotAWholeNumber_NamesOptionRangeAndValue(string value) =>
        Assert.Equal($"--steps must be a whole number from 1 to 1000, got '{value}'", Rejected(Steps(), "--steps", value));

    [Theory]
    [InlineData("NaN")]
    [InlineData("1e9")]
    [InlineData("seven")]
    public void Float_NotFiniteOrOutOfRange_Rejected(string value) =>
        Assert.Equal($"--guidance must be a number from 0 to 100, got '{value}'", Rejected(CliOptions.Float("--guidance", "G", "guidance", 7.5f, 0, 100), "--guidance", value));

    [Fact]
    public void Choice_IsCaseInsensitive() => Assert.Equal(2, Parse(Mode(), "--mode", "TWO").GetValue<int>("--mode"));

    [Fact]
    public void Choice_Unknown_ListsTheChoices() => Assert.Equal("--mode must be one of one, two; got 'three'", Rejected(Mode(), "--mode", "three"));

    [Fact]
    public void OptionalChoice_Absent_IsNull() =>
        Assert.Null(Parse(CliOptions.OptionalChoice<int>("--mode", "mode", [new("one", 1)])).GetValue<int?>("--mode"));

    [Fact]
    public void Text_EmptyValue_Rejected() => Assert.Equal("--name needs a non-empty value", Rejected(CliOptions.Text("--name", "S", "name"), "--name", ""));

    [Fact]
    public void Parsed_ItsOwnMessage_IsTheError() =>
        Assert.Contains("comes before", Rejected(CliOptions.Parsed("--frames", "A-B", "frames", text => Cli.Restore.FrameRange.Parse(text)), "--frames", "9-3"), StringComparison.Ordinal);

    [Fact]
    public void Help_ShowsPlaceholderRangeChoicesAndDefault()
    {
        Assert.Equal(("--steps N", "steps (1..1000; default 32)"), (CliOptions.Label(Steps()), Steps().Description));
        Assert.Equal(("--mode one|two", "mode (default one)"), (CliOptions.Label(Mode()), Mode().Description));
        Assert.Equal("--flag", CliOptions.Label(CliOptions.Flag("--flag", "a flag")));
    }
}
