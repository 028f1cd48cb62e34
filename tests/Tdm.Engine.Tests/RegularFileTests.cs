using Tdm.Tests;

namespace Tdm.Engine.Tests;

public class RegularFileTests
{
    [Fact]
    public void Problem_Fifo_NamedAsOne()
    {
        using var dir = new Checkpoints.TempFolder();
        Assert.Equal("a FIFO (named pipe)", RegularFile.Problem(SpecialFiles.MakeFifo(dir.File("p"))));
    }

    [Theory]
    [InlineData("/dev/null", "a character device")]
    [InlineData("/dev/zero", "a character device")]
    public void Problem_Device_NamedAsOne(string path, string expected) => Assert.Equal(expected, RegularFile.Problem(path));

    [Fact]
    public void Problem_RegularFileFolderMissingAndLinkToAFile_None()
    {
        using var dir = new Checkpoints.TempFolder();
        File.WriteAllText(dir.File("f"), "x");
        File.CreateSymbolicLink(dir.File("link"), dir.File("f"));
        Assert.Null(RegularFile.Problem(dir.File("f")));
        Assert.Null(RegularFile.Problem(dir.File("link")));
        Assert.Null(RegularFile.Problem(dir.Path));
        Assert.Null(RegularFile.Problem(dir.File("missing")));
    }

    [Fact]
    public void Problem_DanglingLink_NamedAsOne()
    {
        using var dir = new Checkpoints.TempFolder();
        File.CreateSymbolicLink(dir.File("dangling"), dir.File("gone"));
        Assert.Equal("a symbolic link whose target does not exist", RegularFile.Problem(dir.File("dangling")));
    }

    [Fact]
    public void Require_Fifo_ThrowsTheKindGivenNamingWhatAndPath()
    {
        using var dir = new Checkpoints.TempFolder();
        string fifo = SpecialFiles.MakeFifo(dir.File("clip.mp4"));
        var e = Assert.Throws<TdmException>(() => RegularFile.Require(fifo, "input", TdmErrorKind.Input));
        Assert.Equal(TdmErrorKind.Input, e.Kind);
        Assert.StartsWith($"input '{fifo}' is a FIFO (named pipe), not a regular file", e.Message);
    }
}
