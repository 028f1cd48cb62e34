using System.ComponentModel;
using System.Diagnostics;
using Tdm.Engine;

namespace Tdm.Cli.Media;

/// <summary>
/// Where ffmpeg and ffprobe are (Debian's packages, installed by scripts/setup.sh; $TDM_FFMPEG and $TDM_FFPROBE
/// override) and how they are started: argument lists, never a shell, and stderr kept for error messages.
/// </summary>
internal sealed class FfmpegTools(string ffmpeg, string ffprobe)
{
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
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
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

    /// <summary>The last lines of a tool's stderr, trimmed for an error message.</summary>
    public static string Tail(string stderr)
    {
        const int MaxChars = 1200;
        var text = stderr.Trim();
        return text.Length <= MaxChars ? text : "…" + text[^MaxChars..];
    }
}
