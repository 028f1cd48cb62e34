using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

/// <summary>ofxMultiThread.h OfxMultiThreadSuiteV1 ("OfxMultiThreadSuite", version 1). Field order must match the header.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OfxMultiThreadSuiteV1
{
    /// <summary>multiThread(func(threadIndex, threadMax, customArg), nThreads, customArg).</summary>
    public delegate* unmanaged<delegate* unmanaged<uint, uint, void*, void>, uint, void*, int> multiThread;
    public delegate* unmanaged<uint*, int> multiThreadNumCPUs;
    public delegate* unmanaged<uint*, int> multiThreadIndex;
    public delegate* unmanaged<int> multiThreadIsSpawnedThread;
    public delegate* unmanaged<OfxMutexHandle*, int, int> mutexCreate;
    public delegate* unmanaged<OfxMutexHandle, int> mutexDestroy;
    public delegate* unmanaged<OfxMutexHandle, int> mutexLock;
    public delegate* unmanaged<OfxMutexHandle, int> mutexUnLock;
    public delegate* unmanaged<OfxMutexHandle, int> mutexTryLock;
}
