using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using Tdm.Engine;

namespace Tdm.Dataset.Media;

/// <summary>
/// Where ffmpeg and ffprobe are (Debian's packages, installed by scripts/setup.sh; $TDM_FFMPEG and $TDM_FFPROBE
/// override) and how they are started: argument lists, never a shell, and stderr kept for error messages. Each tool
/// runs in its own session (through util-linux's setsid, when present) so that Ctrl-C in a terminal, which signals
/// the whole foreground process group, reaches only tdm: tdm cancels cleanly and stops its tools itself, instead of
/// seeing a decoder die mid-frame and reporting a damaged input.
/// </summary>
public sealed class FfmpegTools(string ffmpeg, string ffprobe)
{
    private readonly ConcurrentDictionary<string, string?> _resolved = new(StringComparer.Ordinal);

    /// <summary>The ffmpeg executable (a name looked up on PATH, or a path).</summary>
    public string Ffmpeg { get; } = ffmpeg;

    /// <summary>The ffprobe executable (a name looked up on PATH, or a path).</summary>
    public string Ffprobe { get; } = ffprobe;

    /// <summary>The tools named by $TDM_FFMPEG / $TDM_FFPROBE, else "ffmpeg" and "ffprobe" on PATH.</summary>
    public static FfmpegTools FromEnvironment() => new(
        Environment.GetEnvironmentVariable("TDM_FFMPEG") is { Length: > 0 } f ? f : "ffmpeg",
        Environment.GetEnvironmentVariable("TDM_FFPROBE") is { Length: > 0 } p ? p : "ffprobe");

    /// <summary>
    /// Runs a tool to completion and returns its exit code, stdout and stderr. <paramref name="failure"/> is the
    /// error kind a missing executable is reported as.
    /// </summary>
    public (int ExitCode, string Output, string Error) Run(string tool, IReadOnlyList<string> args, TdmErrorKind failure)
    {
        using var process = Start(tool, args, redirectInput: false, failure);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>
    /// Starts a tool with stdout (and optionally stdin) redirected for binary streaming. The caller owns the process,
    /// reads or drains its stdout and stderr, and disposes it.
    /// </summary>
    public Process Start(string tool, IReadOnlyList<string> args, bool redirectInput, TdmErrorKind failure)
    {
        var path = Resolve(tool) ?? throw new TdmException(failure,
            $"cannot find '{tool}': install ffmpeg (scripts/setup.sh, or 'sudo apt-get install ffmpeg'), or set $TDM_FFMPEG and $TDM_FFPROBE to the programs");
        var setsid = Resolve("setsid");
        var info = new ProcessStartInfo(setsid ?? path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        if (setsid is not null)
            info.ArgumentList.Add(path); // setsid execs the tool in place (same pid) when tdm's child is no group leader
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        try
        {
            return Process.Start(info) ?? throw new Win32Exception($"{tool} did not start");
        }
        catch (Win32Exception e)
        {
            throw new TdmException(failure,
                $"cannot run '{tool}' ({e.Message}): install ffmpeg (scripts/setup.sh, or 'sudo apt-get install ffmpeg'), or set $TDM_FFMPEG and $TDM_FFPROBE to the programs", e);
        }
    }

    /// <summary>The full path of an executable: a path as given if it exists, else the first match on PATH; null if none.</summary>
    private string? Resolve(string tool) => _resolved.GetOrAdd(tool, static name =>
    {
        if (name.Contains('/', StringComparison.Ordinal))
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows()
                || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
                return candidate;
        }
        return null;
    });

    /// <summary>The last lines of a tool's stderr, trimmed for an error message.</summary>
    public static string Tail(string stderr)
    {
        const int MaxChars = 1200;
        var text = stderr.Trim();
        return text.Length <= MaxChars ? text : "…" + text[^MaxChars..];
    }
}
