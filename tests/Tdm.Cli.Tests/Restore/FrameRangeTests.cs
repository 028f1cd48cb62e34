using Tdm.Cli.Restore;

namespace Tdm.Cli.Tests.Restore;

public class FrameRangeTests
{
    [Theory]
    [InlineData("17-29", 17, 29)]
    [InlineData("1001-1100", 1001, 1100)]
    [InlineData("5", 5, 5)]
    [InlineData("0-0", 0, 0)]
    public void Parse_ValidRange_GivesInclusiveBounds(string text, int first, int last) =>
        Assert.Equal(new FrameRange(first, last), FrameRange.Parse(text));

    [Theory]
    [InlineData("29-17", "comes before")]
    [InlineData("a-b", "must be a frame range")]
    [InlineData("-3", "must be a frame range")]
    [InlineData("3-", "must be a frame range")]
    [InlineData("", "must be a frame range")]
    public void Parse_Malformed_Rejected(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<UsageException>(() => FrameRange.Parse(text)).Message, StringComparison.Ordinal);
}
