using System.CommandLine;
using System.CommandLine.Help;
using Tdm.Cli.CommandLine;

namespace Tdm.Cli.Tests.CommandLine;

/// <summary>How a command line binds to a System.CommandLine command, and the messages of what it rejects.</summary>
public class TdmParserTests
{
    private static DocumentedCommand Demo() => new("demo", "a command for tests", "tdm demo IN -o OUT")
    {
        new Argument<string>("IN"),
        CliOptions.Text("--output", "OUT", "output").WithAlias("-o"),
        CliOptions.Int("--steps", "N", "steps", 0, 1, 10),
        CliOptions.Float("--guidance", "G", "guidance", 0, -10, 10),
        CliOptions.Flag("--overwrite", "flag"),
        new HelpOption("--help", "-h") { Action = new ShowHelpAction() },
    };

    private static ParseResult Parse(params string[] args) => TdmParser.Parse(Demo(), args);

    private static string Rejected(params string[] args) => Assert.Throws<UsageException>(() => Parse(args)).Message;

    [Fact]
    public void Parse_SpaceEqualsAndAliasForms_AllStoreTheValue()
    {
        var parsed = Parse("in.mp4", "-o", "out.mp4", "--steps=3", "--guidance", "2.5", "--overwrite");

        Assert.Equal("in.mp4", parsed.GetValue<string>("IN"));
        Assert.Equal("out.mp4", parsed.GetValue<string?>("--output"));
        Assert.Equal(3, parsed.GetValue<int>("--steps"));
        Assert.Equal(2.5f, parsed.GetValue<float>("--guidance"));
        Assert.True(parsed.GetValue<bool>("--overwrite"));
    }

    [Fact]
    public void Parse_NegativeNumberAfterOption_IsTheValue() => Assert.Equal(-1f, Parse("in.mp4", "--guidance", "-1").GetValue<float>("--guidance"));

    [Fact]
    public void Parse_UnknownOption_NamesItAndSuggestsTheNearest()
    {
        var message = Rejected("in.mp4", "--stpes", "3");
        Assert.Contains("unknown option '--stpes' for 'tdm demo'", message, StringComparison.Ordinal);
        Assert.Contains("did you mean --steps?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownOptionBeforeTheArgument_IsStillTheUnknownOption() =>
        Assert.Contains("unknown option '--stpes'", Rejected("--stpes", "3", "in.mp4"), StringComparison.Ordinal);

    [Fact]
    public void Parse_FarFromAnyOption_NoSuggestion() =>
        Assert.DoesNotContain("did you mean", Rejected("in.mp4", "--frobnicate"), StringComparison.Ordinal);

    [Fact]
    public void Parse_RepeatedOptionOrFlag_Rejected()
    {
        Assert.Contains("--steps is given twice", Rejected("in.mp4", "--steps", "3", "--steps", "4"), StringComparison.Ordinal);
        Assert.Contains("--overwrite is given twice", Rejected("in.mp4", "--overwrite", "--overwrite"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionWithoutValueAtEnd_Rejected() =>
        Assert.Equal("--steps needs a value: --steps N", Rejected("in.mp4", "--steps"));

    [Fact]
    public void Parse_FlagWithValue_Rejected() =>
        Assert.Equal("--overwrite is a flag and takes no value, got 'yes'", Rejected("in.mp4", "--overwrite=yes"));

    [Fact]
    public void Parse_DoubleDash_TreatsTheRestAsArguments() =>
        Assert.Equal("-strange-name.mp4", Parse("--", "-strange-name.mp4").GetValue<string>("IN"));

    [Fact]
    public void Parse_AtSign_IsAFileNameNotAResponseFile() => Assert.Equal("@list.txt", Parse("@list.txt").GetValue<string>("IN"));

    [Fact]
    public void Parse_WrongArgumentCount_Rejected()
    {
        Assert.Equal("'tdm demo' needs 1 argument(s), got 0; usage: tdm demo IN -o OUT", Rejected());
        Assert.Equal("unexpected argument 'b.mp4'; usage: tdm demo IN -o OUT", Rejected("a.mp4", "b.mp4"));
    }

    [Fact]
    public void Parse_Help_SkipsTheArgumentCount()
    {
        Assert.IsType<ShowHelpAction>(Parse("--help").Action);
        Assert.IsType<ShowHelpAction>(Parse("-h", "--steps", "0").Action);
    }
}
