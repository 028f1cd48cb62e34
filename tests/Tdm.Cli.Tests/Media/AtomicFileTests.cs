using Tdm.Cli.Tests.Support;
using Tdm.Dataset.Media;

namespace Tdm.Cli.Tests.Media;

public partial class AtomicFileTests
{
    [Fact]
    public void RemoveStale_DeadProcessesTemporaries_DeletedLiveOnesKept()
    {
        using var folder = new TempFolder();
        var final = folder["f_0001.png"];
        var dead = folder[".f_0001.png.999999999.tmp"];
        var live = folder[$".f_0001.png.{Environment.ProcessId}.tmp"];
        var init = folder[".f_0001.png.1.tmp"];
        File.WriteAllBytes(dead, [1]);
        File.WriteAllBytes(live, [1]);
        File.WriteAllBytes(init, [1]);

        AtomicFile.RemoveStale(final);

        // Our own pid's leftovers are stale (we are not writing now); pid 1 is alive, so its file may be in use.
        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(live));
        Assert.True(File.Exists(init));
    }

    [Fact]
    public void WriteAllBytes_LeavesOnlyTheFinalFile()
    {
        using var folder = new TempFolder();
        AtomicFile.WriteAllBytes(folder["a.raw"], [1, 2, 3]);
        Assert.Equal([folder["a.raw"]], Directory.GetFiles(folder.Path));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(folder["a.raw"]));
    }
}
