using Tdm.Engine;
using Tdm.OfxPlugin.Restoration;

namespace Tdm.OfxPlugin.Tests.Restoration;

public class ModelLoadingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void Run_AbortRaisedWhileLoading_ThrowsBeforeTheLoadEnds()
    {
        var gate = new TaskCompletionSource();
        var loadEnded = false;
        var polls = 0;
        void Load()
        {
            gate.Task.Wait();
            loadEnded = true;
        }
        void Poll()
        {
            if (++polls == 3)
                throw new OperationCanceledException();
        }

        Assert.Throws<OperationCanceledException>(() => ModelLoading.Run(Load, Poll, Interval));
        Assert.False(loadEnded, "the render waited for the load it was told to abandon");
        Assert.Equal(3, polls);
        gate.SetResult();
    }

    [Fact]
    public void Run_AbortRaisedBefore_NeverStartsTheLoad()
    {
        var started = false;
        Assert.Throws<OperationCanceledException>(() =>
            ModelLoading.Run(() => started = true, () => throw new OperationCanceledException(), Interval));
        Assert.False(started);
    }

    [Fact]
    public void Run_LoadFails_RethrowsItsExceptionUnwrapped()
    {
        var e = Assert.Throws<TdmException>(() =>
            ModelLoading.Run(() => throw new TdmException(TdmErrorKind.Model, "no unet/"), () => { }, Interval));
        Assert.Equal("no unet/", e.Message);
    }

    [Fact]
    public void Run_LoadSucceeds_PollsAtLeastOnceAndReturnsAfterIt()
    {
        var loaded = false;
        var polls = 0;
        ModelLoading.Run(() => loaded = true, () => polls++, Interval);
        Assert.True(loaded);
        Assert.True(polls >= 1, "the abort flag must be polled before the load starts");
    }
}
