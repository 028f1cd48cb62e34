using System.Diagnostics;

namespace Tdm.Cli.Tests.Support;

/// <summary>Runs the built tdm program (the apphost copied beside the tests) as a separate process.</summary>
internal sealed class TdmProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _error;
    private Task<string>? _restOfOutput;

    private TdmProcess(IEnumerable<string> args, bool ownSession)
    {
        var tdm = Path.Combine(AppContext.BaseDirectory, "tdm");
        // setsid execs tdm in place (same pid), as the leader of a new process group the test can signal as a whole.
        var info = new ProcessStartInfo(ownSession ? "setsid" : tdm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (ownSession)
            info.ArgumentList.Add(tdm);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        _process = Process.Start(info)!;
        _error = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts tdm with <paramref name="args"/>.</summary>
    public static TdmProcess Start(params string[] args) => new(args, ownSession: false);

    /// <summary>Starts tdm as the leader of its own process group, as a shell or a farm's job manager runs a job.</summary>
    public static TdmProcess StartInOwnGroup(params string[] args) => new(args, ownSession: true);

    /// <summary>Runs tdm to completion (at most <paramref name="timeout"/>) and returns exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Error) Run(string[] args, TimeSpan? timeout = null)
    {
        using var tdm = Start(args);
        var code = tdm.Wait(timeout ?? TimeSpan.FromMinutes(3));
        return (code, tdm.RestOfOutput, tdm.Error);
    }

    /// <summary>Reads stdout lines until one satisfies <paramref name="match"/>; the lines read so far.</summary>
    public List<string> ReadUntil(Func<string, bool> match)
    {
        var lines = new List<string>();
        while (_process.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
            if (match(line))
                return lines;
        }
        Assert.Fail($"tdm ended before the expected output; stdout: {string.Join('\n', lines)}; stderr: {_error.Result}");
        return lines;
    }

    /// <summary>
    /// Sends SIGTERM to tdm's whole process group, as job managers do (and as Ctrl-C does with SIGINT): tdm must
    /// cancel cleanly although every process in the group is signalled.
    /// </summary>
    public void TerminateGroup() => Ffmpeg.Run("kill", ["-TERM", "--", "-" + _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>Waits for the exit (failing the test after <paramref name="timeout"/>) and returns the exit code.</summary>
    public int Wait(TimeSpan timeout)
    {
        _restOfOutput ??= _process.StandardOutput.ReadToEndAsync();
        Assert.True(_process.WaitForExit(timeout), $"tdm did not finish within {timeout}; stderr so far is not available until it exits");
        return _process.ExitCode;
    }

    /// <summary>What tdm wrote to stdout after the lines <see cref="ReadUntil"/> returned (after it exited).</summary>
    public string RestOfOutput => _restOfOutput?.Result ?? "";

    /// <summary>Everything tdm wrote to stderr (after it exited).</summary>
    public string Error => _error.Result;

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.Dispose();
    }
}
