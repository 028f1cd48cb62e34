namespace Tdm.OfxPlugin.Restoration;

/// <summary>
/// Loads a model on a worker thread while the render thread goes on polling the host's abort flag. Compiling SD1.5
/// takes seconds (minutes on a first run), and an editor that abandons the render (the user scrubbed on) must get
/// the render thread back at once. The load itself is not cancelled: it finishes in the background, and the next
/// render finds the model loaded (the engine loads each model once and shares it; a failed load is tried again).
/// </summary>
internal static class ModelLoading
{
    /// <summary>How often the abort flag is polled while a model loads: the most an abort waits.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Runs <paramref name="load"/>, calling <paramref name="pollAbort"/> before it starts and every
    /// <paramref name="interval"/> until it ends. Whatever <paramref name="pollAbort"/> throws
    /// (OperationCanceledException) ends the wait; <paramref name="load"/>'s own exception is rethrown as it was.
    /// </summary>
    public static void Run(Action load, Action pollAbort, TimeSpan interval)
    {
        pollAbort();
        var task = Task.Run(load);
        try
        {
            while (Task.WaitAny([task], interval) < 0)
                pollAbort();
        }
        catch
        {
            // Abandoned: a later failure of the load is observed here, never left to the finalizer; the next render
            // loads again and reports it.
            _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
        task.GetAwaiter().GetResult();
    }
}
