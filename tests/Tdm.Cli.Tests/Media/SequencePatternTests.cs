using Tdm.Cli.Media;
using Tdm.Cli.Tests.Support;
using Tdm.Engine;

namespace Tdm.Cli.Tests.Media;

public class SequencePatternTests
{
    [Theory]
    [InlineData("frames/frame_%04d.png", true)]
    [InlineData("f%d.exr", true)]
    [InlineData("clip.mp4", false)]
    [InlineData("100%%_%03d.tif", true)]
    [InlineData("50%off.png", false)]
    [InlineData("a_%d_%d.png", false)]
    [InlineData("dir_%04d/clip.mp4", false)]
    public void IsPattern_RecognisesPrintfFrameNumbers(string path, bool expected) =>
        Assert.Equal(expected, SequencePattern.IsPattern(path));

    [Fact]
    public void FileNameOf_PadsToTheWidth()
    {
        Assert.Equal("frame_0007.png", SequencePattern.Parse("out/frame_%04d.png").FileNameOf(7));
        Assert.Equal("frame_12345.png", SequencePattern.Parse("out/frame_%04d.png").FileNameOf(12345));
        Assert.Equal("f7.exr", SequencePattern.Parse("f%d.exr").FileNameOf(7));
        Assert.Equal("100%_007.tif", SequencePattern.Parse("100%%_%03d.tif").FileNameOf(7));
    }

    [Fact]
    public void FindNumbers_OnlyNamesThePatternWouldWrite()
    {
        using var folder = new TempFolder();
        foreach (var name in new[] { "f_0003.png", "f_0001.png", "f_0002.png", "f_2.png", "f_0004.png.tmp", "g_0005.png", "f_00006.png" })
            File.WriteAllBytes(folder[name], []);

        Assert.Equal([1, 2, 3], SequencePattern.Parse(folder["f_%04d.png"]).FindNumbers());
    }

    [Fact]
    public void FindNumbers_MissingFolder_Empty() =>
        Assert.Empty(SequencePattern.Parse("/nonexistent-tdm-folder/f_%04d.png").FindNumbers());

    [Fact]
    public void Parse_NotAPattern_ExplainsTheSyntax()
    {
        var error = Assert.Throws<TdmException>(() => SequencePattern.Parse("frames.png"));
        Assert.Contains("%04d", error.Message, StringComparison.Ordinal);
    }
}
