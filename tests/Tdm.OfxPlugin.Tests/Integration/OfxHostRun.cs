using System.Text.Json;

namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>One host run: exit status, output and the log's events.</summary>
public sealed record OfxHostRun(Processes.Result Process, IReadOnlyList<JsonElement> Events, string CommandLine)
{
    public int ExitCode => Process.ExitCode;

    /// <summary>Events whose "event" is <paramref name="name"/>.</summary>
    public IEnumerable<JsonElement> Of(string name) => Events.Where(e => e.GetProperty("event").GetString() == name);

    /// <summary>"action" events for the action called <paramref name="action"/> (e.g. OfxImageEffectActionRender).</summary>
    public IEnumerable<JsonElement> Actions(string action) =>
        Of("action").Where(e => e.GetProperty("action").GetString() == action);

    /// <summary>For assertion messages: the command line and the host's stderr.</summary>
    public string Describe() => $"ofxhost {CommandLine}\nexit {ExitCode}\n{Process.StdErr}";
}
