using Tdm.Cli.Tests.Support;
using Tdm.Engine;

namespace Tdm.Cli.Tests.Restore;

/// <summary>Issue 12: a disk that fills while a video's frame cache is written is exit 7 naming the frame.</summary>
public sealed partial class RestoreJobTests
{
    [Fact]
    public void Run_FrameCacheDiskFills_OutputErrorNamingTheFrameAndKeepingTheOnesWritten()
    {
        var output = _folder["full.mp4"];
        var cache = output + ".frames";
        string? full = null;
        _engine.AfterFrame = index =>
        {
            if (index != 2)
                return;
            // The next frame's temporary file becomes /dev/full: its write fails with ENOSPC, as on a full disk.
            var written = Directory.GetFiles(cache, "frame_*").Order(StringComparer.Ordinal).First();
            full = written.Replace($"{First:D6}", $"{First + 3:D6}", StringComparison.Ordinal);
            Tdm.Tests.SpecialFiles.DiskFull(Tdm.Dataset.Media.AtomicFile.TemporaryPathFor(full));
        };

        var e = Assert.Throws<TdmException>(() => Job().Run(Request(_sequence, output), new RecordingEvents(), CancellationToken.None));

        Assert.Equal(TdmErrorKind.Output, e.Kind);
        Assert.Contains($"cannot write '{full}': No space left on device", e.Message, StringComparison.Ordinal);
        Assert.Contains("frames already written are kept and a rerun resumes", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(cache, "frame_*").Length);
        Assert.Equal(ExitCodes.Output, Cli.Commands.Failure.Classify(e, CancellationToken.None).ExitCode);
    }
}
