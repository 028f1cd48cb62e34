using System.Diagnostics;

namespace Tdm.Cli.Tests.CommandLine;

/// <summary>
/// packaging/completion/tdm.bash in a real bash, asking the built tdm (found on PATH beside the tests, as
/// <see cref="Support.TdmProcess"/> finds it) through the [suggest] directive, as bash's programmable completion does.
/// </summary>
public class BashCompletionTests
{
    // Sources the script, sets the words as bash would for the cursor at the end of the last one, completes.
    private const string Script = """
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
        _tdm_complete
        printf '%s\n' "${COMPREPLY[@]}"
        """;

    private static List<string> Complete(params string[] words)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--norc", "--noprofile", "-c", Script, "bash", Path.Combine(AppContext.BaseDirectory, "completion", "tdm.bash") }.Concat(words))
            info.ArgumentList.Add(arg);
        info.Environment["PATH"] = AppContext.BaseDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        info.Environment.Remove("COMP_LINE");
        info.Environment.Remove("COMP_POINT");
        using var bash = Process.Start(info)!;
        var error = bash.StandardError.ReadToEndAsync();
        var output = bash.StandardOutput.ReadToEnd();
        Assert.True(bash.WaitForExit(TimeSpan.FromMinutes(1)), "bash did not finish");
        Assert.True(bash.ExitCode == 0, $"bash exited {bash.ExitCode}: {error.Result}");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    [Fact]
    public void PartialOption_CompletesToTheOption() => Assert.Contains("--inversion-steps", Complete("tdm", "restore", "--inver"));

    [Fact]
    public void TemporalValue_CompletesToItsModes() => Assert.Equal(["first", "off", "swcfa"], Complete("tdm", "restore", "--temporal", "").Order());

    [Fact]
    public void PartialValue_OnlyTheModesItStarts() => Assert.Equal(["swcfa"], Complete("tdm", "restore", "in.mp4", "--temporal", "s"));

    [Fact]
    public void FirstWord_CompletesTheCommandsButNotHelp()
    {
        var commands = Complete("tdm", "");
        Assert.All(new[] { "restore", "models", "bench", "eval" }, c => Assert.Contains(c, commands));
        Assert.DoesNotContain("help", commands);
    }

    [Fact]
    public void GroupWord_CompletesItsCommands() => Assert.Equal(["synth"], Complete("tdm", "models", "sy"));
}
