using Tdm.Cli.Media;
using Tdm.Cli.Restore;
using Tdm.Cli.Tests.Support;
using Tdm.Dataset.Media;
using Tdm.Engine.Imaging;

namespace Tdm.Cli.Tests.Restore;

public class RawFrameCacheTests
{
    [Fact]
    public void Write_ThenRead_SameBytesAndCounted()
    {
        using var folder = new TempFolder();
        var cache = new RawFrameCache(folder.Path, RawPixelFormat.Rgba16, 4, 2);
        var frame = new Frame(4, 2, Enumerable.Range(0, 32).Select(i => i / 31f).ToArray());

        cache.Write(12, frame);

        Assert.True(cache.Has(12));
        Assert.False(cache.Has(13));
        Assert.Equal(RawPixels.FromFrame(frame, RawPixelFormat.Rgba16), cache.Read(12));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Has_FileOfAnotherSize_CountsAsMissing()
    {
        using var folder = new TempFolder();
        var cache = new RawFrameCache(folder.Path, RawPixelFormat.Rgba8, 4, 2);
        File.WriteAllBytes(cache.PathOf(3), new byte[5]);
        Assert.False(cache.Has(3));
    }
}
