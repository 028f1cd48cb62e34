using Tdm.Cli.Commands;
using Tdm.Dataset.Media;
using Tdm.Cli.Tests.Support;
using Tdm.Engine;

namespace Tdm.Cli.Tests.Media;

public partial class AtomicFileTests
{
    [Fact]
    public void WriteAllBytes_DiskFull_OutputErrorAndNoFileLeft()
    {
        using var folder = new TempFolder();
        var final = folder["f.raw"];
        Tdm.Tests.SpecialFiles.DiskFull(AtomicFile.TemporaryPathFor(final));

        var e = Assert.Throws<TdmException>(() => AtomicFile.WriteAllBytes(final, new byte[1 << 16]));

        Assert.Equal(TdmErrorKind.Output, e.Kind);
        Assert.StartsWith($"cannot write '{final}': No space left on device", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void WriteAllBytes_FolderGone_OutputError()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<TdmException>(() => AtomicFile.WriteAllBytes(folder["gone/f.raw"], [1]));
        Assert.Equal(TdmErrorKind.Output, e.Kind);
    }

    [Theory]
    [InlineData(28)]  // ENOSPC
    [InlineData(122)] // EDQUOT
    [InlineData(30)]  // EROFS
    public void Classify_DiskFullOrReadOnlyIOExceptionAnywhere_ExitSeven(int errno) =>
        Assert.Equal(ExitCodes.Output, Failure.Classify(new IOException("write failed", errno), CancellationToken.None).ExitCode);

    [Fact]
    public void Classify_OtherIOException_StaysInternal() =>
        Assert.Equal(ExitCodes.Internal, Failure.Classify(new IOException("odd", 5), CancellationToken.None).ExitCode);
}
