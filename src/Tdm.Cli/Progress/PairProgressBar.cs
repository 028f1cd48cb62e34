using System.Globalization;
using System.Text;

namespace Tdm.Cli.Progress;

/// <summary>
/// 'tdm dataset build' progress on stderr: "[#####-----] 120/27843 pairs  0.21 s/pair  1h37m left", redrawn in place
/// on a terminal, a line every few seconds in a log.
/// </summary>
internal sealed class PairProgressBar(CliConsole console, TimeProvider clock)
{
    private const int BarWidth = 24;
    private static readonly TimeSpan s_terminalInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_logInterval = TimeSpan.FromSeconds(5);

    private readonly ProgressTracker _tracker = new(clock);
    private long _lastDraw = long.MinValue;
    private bool _started;

    /// <summary>Records (pairs done, total) and redraws when due.</summary>
    public void Report(int done, int total)
    {
        if (!_started)
        {
            _tracker.Start(total, done);
            _started = true;
        }
        else
        {
            _tracker.Frame(done);
        }
        var now = clock.GetTimestamp();
        if (done < total && _lastDraw != long.MinValue && clock.GetElapsedTime(_lastDraw, now) < (console.ErrorIsTerminal ? s_terminalInterval : s_logInterval))
            return;
        _lastDraw = now;
        var filled = (int)((long)BarWidth * done / Math.Max(1, total));
        var line = new StringBuilder().Append('[').Append('#', filled).Append('-', BarWidth - filled).Append("] ")
            .Append(CultureInfo.InvariantCulture, $"{done}/{total} pairs");
        if (_tracker.SecondsPerFrame is { } perPair)
            line.Append(CultureInfo.InvariantCulture, $"  {perPair:0.00} s/pair");
        line.Append("  ").Append(ProgressTracker.Duration(_tracker.SecondsLeft)).Append(" left");
        if (console.ErrorIsTerminal)
            console.Error.Write("\r" + line + (done >= total ? "\n" : ""));
        else
            console.Error.WriteLine("tdm: " + line);
        console.Error.Flush();
    }
}
