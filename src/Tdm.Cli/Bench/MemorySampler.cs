using System.Runtime.InteropServices;

namespace Tdm.Cli.Bench;

/// <summary>
/// The peaks of the two heaps a restore uses, sampled every few milliseconds while it runs: the managed heap
/// (the clip's frames and every frame-sized array the engine keeps on the host) and the native heap, where ONNX
/// Runtime allocates the networks' activations and outputs on the CPU (the .NET garbage collector never takes its
/// memory from malloc, so glibc's count is ONNX Runtime's, plus a little of the runtime's own). Native figures
/// need glibc (null elsewhere). A peak shorter than the interval can be missed; the networks' arenas keep what they
/// reached, so theirs cannot.
/// </summary>
internal sealed partial class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private readonly TimeSpan _interval;
    private long _managedPeak;
    private long _nativePeak = -1;
    private bool _stopped;

    public MemorySampler(TimeSpan interval)
    {
        _interval = interval;
        NativeBaseline = NativeBytes();
        Sample();
        _thread = new Thread(Loop) { IsBackground = true, Name = "memory sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Native bytes in use when sampling began.</summary>
    public long? NativeBaseline { get; }

    /// <summary>The most managed heap seen, in bytes.</summary>
    public long ManagedPeak => Interlocked.Read(ref _managedPeak);

    /// <summary>The most native heap in use seen, in bytes; null without glibc.</summary>
    public long? NativePeak => Interlocked.Read(ref _nativePeak) is var peak && peak >= 0 ? peak : null;

    /// <summary>Bytes malloc has handed out and not had back (glibc's mallinfo2: arena blocks in use plus mmapped
    /// blocks); null where glibc is not the C library.</summary>
    public static long? NativeBytes()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var info = MallInfo2();
            return (long)(info.Uordblks + info.Hblkhd);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }

    private void Loop()
    {
        while (!_stop.Wait(_interval))
            Sample();
    }

    private void Sample()
    {
        Raise(ref _managedPeak, GC.GetTotalMemory(false));
        if (NativeBytes() is { } native)
            Raise(ref _nativePeak, native);
    }

    private static void Raise(ref long peak, long value)
    {
        for (long now = Interlocked.Read(ref peak); value > now && Interlocked.CompareExchange(ref peak, value, now) != now; now = Interlocked.Read(ref peak))
        {
        }
    }

    /// <summary>Stops sampling after one last sample.</summary>
    public void Dispose()
    {
        if (_stopped)
            return;
        _stopped = true;
        _stop.Set();
        _thread.Join();
        Sample();
        _stop.Dispose();
    }

    // glibc's struct mallinfo2 (size_t fields, glibc 2.33 and later).
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallInfo MallInfo2();
}
