using System.Text.Json;

namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>
/// Drives the headless OpenFX host (native/ofxhost): $TDM_OFXHOST, else &lt;repo&gt;/native/build/ofxhost, built with
/// make -C native when missing. Each run writes a JSON-lines log to a temporary file, parsed into events.
/// </summary>
public static class OfxHostRunner
{
    private static readonly Lazy<string> s_path = new(Locate);

    static OfxHostRunner() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        if (Directory.Exists(CacheFolder))
            Directory.Delete(CacheFolder, recursive: true);
    };

    /// <summary>The host executable.</summary>
    public static string Path => s_path.Value;

    /// <summary>The plugin's graph cache during the tests (TDM_CACHE_DIR): a temporary folder, never the user's.</summary>
    public static string CacheFolder { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"tdm-ofx-tests-{Environment.ProcessId}");

    /// <summary>Runs the host on the test bundle: <paramref name="globalArgs"/>, the bundle, then <paramref name="instanceArgs"/>.</summary>
    public static OfxHostRun Run(string workFolder, IEnumerable<string> globalArgs, IEnumerable<string> instanceArgs, TimeSpan? timeout = null)
    {
        Directory.CreateDirectory(workFolder);
        var log = System.IO.Path.Combine(workFolder, $"ofxhost-{Guid.NewGuid():N}.jsonl");
        string[] args = ["--log", log, .. globalArgs, PluginBundle.Instance.Path, .. instanceArgs];
        var result = Processes.Run(Path, args, workFolder, timeout ?? TimeSpan.FromMinutes(4),
            new Dictionary<string, string> { ["TDM_CACHE_DIR"] = CacheFolder });
        var events = File.Exists(log)
            ? File.ReadLines(log).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList()
            : [];
        return new OfxHostRun(result, events, string.Join(' ', args));
    }

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TDM_OFXHOST");
        if (!string.IsNullOrEmpty(fromEnv))
            return File.Exists(fromEnv) ? fromEnv : throw new FileNotFoundException($"TDM_OFXHOST={fromEnv} does not exist");
        var root = Tdm.Tests.Golden.RepositoryRoot;
        var built = System.IO.Path.Combine(root, "native", "build", "ofxhost");
        if (!File.Exists(built))
        {
            var make = Processes.Run("make", ["-C", System.IO.Path.Combine(root, "native")], root, TimeSpan.FromMinutes(5));
            if (make.ExitCode != 0 || !File.Exists(built))
                throw new InvalidOperationException($"building the OpenFX test host with make -C native failed ({make.ExitCode}):\n{make.StdOut}\n{make.StdErr}");
        }
        return built;
    }
}
