namespace Tdm.Cli.Restore;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (System.Progress posts to the thread
/// pool, which would reorder reports and outlive the run).
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => report(value);
}
