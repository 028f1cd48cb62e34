using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tdm.Engine.Video;

namespace Tdm.Cli.Progress;

/// <summary>
/// Progress for render farms: one JSON object per line on stdout, flushed at once. Events: "started", "progress"
/// (after every frame, and from the engine's steps at most once a second), "frame-written", "encoding", "done",
/// "error". Frame numbers are the input's. Written with Utf8JsonWriter (no reflection; trim- and AOT-safe).
/// </summary>
internal sealed class JsonProgress(CliConsole console, TimeProvider clock) : IRestoreEvents
{
    private static readonly TimeSpan s_stepInterval = TimeSpan.FromSeconds(1);
    private readonly ProgressTracker _tracker = new(clock);
    private long _lastStepEvent = long.MinValue;

    /// <inheritdoc/>
    public void Started(RestoreStarted run)
    {
        _tracker.Start(run.FramesTotal, run.FramesSkipped);
        Emit("started", w =>
        {
            w.WriteString("input", run.Input);
            w.WriteString("output", run.Output);
            w.WriteNumber("first", run.First);
            w.WriteNumber("last", run.Last);
            w.WriteNumber("framesTotal", run.FramesTotal);
            w.WriteNumber("framesSkipped", run.FramesSkipped);
            w.WriteNumber("width", run.Width);
            w.WriteNumber("height", run.Height);
            w.WriteNumber("processingWidth", run.Plan.Width);
            w.WriteNumber("processingHeight", run.Plan.Height);
            w.WriteStartArray("tiles");
            foreach (var tile in run.Plan.Tiles)
            {
                w.WriteStartObject();
                w.WriteNumber("x", tile.X);
                w.WriteNumber("y", tile.Y);
                w.WriteNumber("width", tile.Width);
                w.WriteNumber("height", tile.Height);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    /// <inheritdoc/>
    public void Step(RestoreProgress progress)
    {
        _tracker.Step(progress);
        var now = clock.GetTimestamp();
        if (_lastStepEvent != long.MinValue && clock.GetElapsedTime(_lastStepEvent, now) < s_stepInterval)
            return;
        _lastStepEvent = now;
        EmitProgress();
    }

    /// <inheritdoc/>
    public void FrameWritten(int number, string path)
    {
        _tracker.Frame(number);
        Emit("frame-written", w =>
        {
            w.WriteNumber("frame", number);
            w.WriteString("path", path);
        });
        EmitProgress();
    }

    /// <inheritdoc/>
    public void Encoding(string output) => Emit("encoding", w => w.WriteString("output", output));

    /// <inheritdoc/>
    public void Done(string output, int framesWritten) => Emit("done", w =>
    {
        w.WriteString("output", output);
        w.WriteNumber("framesWritten", framesWritten);
        w.WriteNumber("framesTotal", _tracker.FramesTotal);
        w.WriteNumber("seconds", Math.Round(_tracker.Elapsed, 3));
    });

    /// <inheritdoc/>
    public void Failed(int exitCode, string message) => Emit("error", w =>
    {
        w.WriteNumber("exitCode", exitCode);
        w.WriteString("message", message);
    });

    private void EmitProgress() => Emit("progress", w =>
    {
        if (_tracker.LastFrame is { } frame)
            w.WriteNumber("frame", frame);
        else
            w.WriteNull("frame");
        w.WriteNumber("framesDone", _tracker.FramesDone);
        w.WriteNumber("framesTotal", _tracker.FramesTotal);
        WriteNumberOrNull(w, "secondsPerFrame", _tracker.SecondsPerFrame);
        WriteNumberOrNull(w, "eta", _tracker.SecondsLeft);
        var step = _tracker.LastStep;
        if (step.StepsTotal > 0)
        {
            w.WriteString("stage", step.Stage);
            w.WriteNumber("stepsDone", step.StepsDone);
            w.WriteNumber("stepsTotal", step.StepsTotal);
        }
    });

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
            w.WriteNumber(name, Math.Round(v, 3));
        else
            w.WriteNull(name);
    }

    private void Emit(string name, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        // Relaxed escaping keeps quotes and non-ASCII file names readable; the lines are never embedded in HTML.
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("event", name);
            body(w);
            w.WriteEndObject();
        }
        lock (console.Out)
        {
            console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
            console.Out.Flush();
        }
    }
}
