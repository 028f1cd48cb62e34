using Tdm.Engine.Video;

namespace Tdm.Cli.Progress;

/// <summary>
/// Counts frames and times them: frames done (including those skipped as already written), seconds per frame over
/// the frames this run has written (up to the last one written, so the figure does not creep while a chunk is being
/// computed), and the time left: from the engine's diffusion steps when it reports them (finer than frames, which
/// arrive a chunk at a time), else from the seconds per frame.
/// </summary>
internal sealed class ProgressTracker(TimeProvider clock)
{
    private long _startTicks;
    private int _skipped;
    private double _lastFrameElapsed;
    private RestoreProgress _lastStep;

    /// <summary>Frames in the range.</summary>
    public int FramesTotal { get; private set; }

    /// <summary>Frames complete: skipped plus written by this run.</summary>
    public int FramesDone { get; private set; }

    /// <summary>The last frame written, or null before the first.</summary>
    public int? LastFrame { get; private set; }

    /// <summary>The last step report from the engine.</summary>
    public RestoreProgress LastStep => _lastStep;

    /// <summary>Seconds since the run started.</summary>
    public double Elapsed => clock.GetElapsedTime(_startTicks).TotalSeconds;

    /// <summary>Seconds per frame written by this run; null before the first frame.</summary>
    public double? SecondsPerFrame => FramesDone > _skipped ? _lastFrameElapsed / (FramesDone - _skipped) : null;

    /// <summary>Estimated seconds left; null while there is nothing to estimate from.</summary>
    public double? SecondsLeft
    {
        get
        {
            if (FramesDone >= FramesTotal)
                return 0;
            if (_lastStep.StepsDone > 0 && _lastStep.StepsTotal > 0)
                return Elapsed * (_lastStep.StepsTotal - _lastStep.StepsDone) / _lastStep.StepsDone;
            return SecondsPerFrame is { } perFrame ? perFrame * (FramesTotal - FramesDone) : null;
        }
    }

    /// <summary>Starts timing a run over <paramref name="total"/> frames of which <paramref name="skipped"/> exist.</summary>
    public void Start(int total, int skipped)
    {
        _startTicks = clock.GetTimestamp();
        FramesTotal = total;
        FramesDone = _skipped = skipped;
    }

    /// <summary>Records an engine step report.</summary>
    public void Step(RestoreProgress progress) => _lastStep = progress;

    /// <summary>Records a written frame.</summary>
    public void Frame(int number)
    {
        _lastFrameElapsed = Elapsed;
        FramesDone++;
        LastFrame = number;
    }

    /// <summary>"1h02m", "3m05s", "42s", or "?" when unknown.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || double.IsNaN(s) || double.IsInfinity(s))
            return "?";
        var t = TimeSpan.FromSeconds(Math.Round(s));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds:D2}s" : $"{t.Seconds}s";
    }
}
