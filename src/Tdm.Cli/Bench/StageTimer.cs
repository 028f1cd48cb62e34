using System.Diagnostics;
using Tdm.Engine.Video;

namespace Tdm.Cli.Bench;

/// <summary>
/// Splits a restoration's time by stage from the engine's progress reports: each report comes when a network
/// evaluation of its stage ("encode", "invert", "sample", "decode") has finished, so the time since the previous
/// report belongs to that stage. Reading and resizing frames fall into "encode", prompt embedding into "invert".
/// </summary>
internal sealed class StageTimer : IProgress<RestoreProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _seconds = new(StringComparer.Ordinal);
    private TimeSpan _last;

    /// <summary>Seconds spent per stage so far.</summary>
    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    /// <summary>Seconds from the start to <see cref="Stop"/> (or to now while running).</summary>
    public double Elapsed => _clock.Elapsed.TotalSeconds;

    /// <summary>Stops the clock: the run is over.</summary>
    public void Stop() => _clock.Stop();

    /// <summary>Seconds of one stage (0 when it never reported).</summary>
    public double Of(string stage) => _seconds.GetValueOrDefault(stage);

    /// <inheritdoc/>
    public void Report(RestoreProgress value)
    {
        var now = _clock.Elapsed;
        _seconds[value.Stage] = _seconds.GetValueOrDefault(value.Stage) + (now - _last).TotalSeconds;
        _last = now;
    }
}
