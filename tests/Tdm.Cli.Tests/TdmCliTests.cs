using Microsoft.Extensions.DependencyInjection;
using Tdm.Cli.Restore;
using Tdm.Cli.Tests.Support;
using Tdm.Engine;

namespace Tdm.Cli.Tests;

/// <summary>The command line in-process (dispatch, help, exit codes, messages) with the engine replaced by a fake.</summary>
public sealed class TdmCliTests(MediaFixture media) : IClassFixture<MediaFixture>, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeRangeRestorer _engine = new();

    public void Dispose() => _folder.Dispose();

    private (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Composition.Run(args, new CliConsole(output, error, false), CancellationToken.None,
            services => services.AddSingleton<IRangeRestorerFactory>(_engine));
        return (code, output.ToString(), error.ToString());
    }

    private string[] Restore(string input, string output, params string[] extra) =>
        ["restore", input, "-o", output, "--task", "denoise", "--model", _folder.Path, "--chunk", "8", .. extra];

    [Fact]
    public void NoArguments_ListsTheCommands_ExitTwo()
    {
        var (code, output, _) = Run();
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("restore", output, StringComparison.Ordinal);
        Assert.Contains("130  cancelled", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RestoreHelp_DocumentsOptionsAndExitCodes()
    {
        var (code, output, _) = Run("restore", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("--frames A-B", output, StringComparison.Ordinal);
        Assert.Contains("7    output not writable", output, StringComparison.Ordinal);
        Assert.Equal(output, Run("help", "restore").Out);
    }

    [Fact]
    public void Help_ListsTheCommandsExitZero()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("  models synth    Writes a random-weight", output, StringComparison.Ordinal);
        Assert.Equal(output, Run("help").Out);
        Assert.Equal(output, Run("-h").Out);
    }

    [Fact]
    public void GroupHelp_ListsItsCommands()
    {
        var (code, output, _) = Run("bench", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Usage: tdm bench COMMAND", output, StringComparison.Ordinal);
        Assert.Contains("  bench devices   Restores one clip", output, StringComparison.Ordinal);
        Assert.DoesNotContain("restore         ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpOfAnUnknownCommand_ExitTwo() =>
        Assert.Equal((ExitCodes.BadArguments, "tdm: error: unknown command 'restroe'"), Split(Run("help", "restroe")));

    [Fact]
    public void Version_NamesTdm()
    {
        var (code, output, _) = Run("--version");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("tdm 1.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_ExitTwo() =>
        Assert.Equal((ExitCodes.BadArguments, "tdm: error: unknown command 'restroe'"), Split(Run("restroe", "x")));

    [Fact]
    public void GroupWithoutSubcommand_ListsItsCommands()
    {
        var (code, _, error) = Run("models");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("'tdm models' needs a command; one of: models synth, models inspect", error, StringComparison.Ordinal);
        Assert.Contains("unknown command 'tdm models fetch'", Run("models", "fetch").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_ExitTwoWithTheOption()
    {
        var (code, _, error) = Run(Restore(media.Video, _folder["o.mp4"], "--stpes", "3"));
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("unknown option '--stpes' for 'tdm restore' (did you mean --steps?)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTask_ExitTwo()
    {
        var (code, _, error) = Run("restore", media.Video, "-o", _folder["o.mp4"], "--task", "deblur", "--model", _folder.Path);
        Assert.Equal((ExitCodes.BadArguments, "tdm: error: --task must be one of denoise, dehaze, derain, mp4, sr, custom; got 'deblur'\n"), (code, error));
    }

    [Fact]
    public void MissingInput_ExitThree()
    {
        var (code, _, error) = Run(Restore(_folder["nothing.mp4"], _folder["o.mp4"]));
        Assert.Equal(ExitCodes.Input, code);
        Assert.Contains($"input '{_folder["nothing.mp4"]}' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableAndTruncatedVideo_ExitThreeWithFfprobesWords()
    {
        var (code, _, error) = Run(Restore(media.NotAVideo, _folder["o.mp4"]));
        Assert.Equal(ExitCodes.Input, code);
        Assert.Contains("Invalid data found when processing input", error, StringComparison.Ordinal);

        (code, _, error) = Run(Restore(media.Truncated, _folder["o.mp4"]));
        Assert.Equal(ExitCodes.Input, code);
        Assert.Contains("moov atom not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPattern_ExitThree()
    {
        var (code, _, error) = Run(Restore(_folder["none/f_%04d.png"], _folder["o.mp4"]));
        Assert.Equal(ExitCodes.Input, code);
        Assert.Contains("no files match the pattern", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RangeOutsideTheClip_ExitTwo()
    {
        var (code, _, error) = Run(Restore(media.Video, _folder["o.mp4"], "--frames", "35-45"));
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("--frames 35-45 is outside the clip", error, StringComparison.Ordinal);
        Assert.Contains("has frames 0-39", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnwritableOutputFolder_ExitSeven()
    {
        File.WriteAllText(_folder["blocker"], "");
        var (code, _, error) = Run(Restore(media.Video, _folder["blocker/out/o.mp4"]));
        Assert.Equal(ExitCodes.Output, code);
        Assert.Contains("cannot be created or written", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelProblem_ExitFourAndJsonErrorEvent()
    {
        _engine.OpenError = new TdmException(TdmErrorKind.Model, "unet/config.json is missing");
        var (code, output, error) = Run(Restore(media.Video, _folder["o.mp4"], "--progress", "json"));
        Assert.Equal(ExitCodes.Model, code);
        Assert.Contains("unet/config.json is missing", error, StringComparison.Ordinal);
        Assert.Equal("{\"event\":\"error\",\"exitCode\":4,\"message\":\"unet/config.json is missing\"}", output.Trim());
    }

    [Fact]
    public void Cancelled_Exit130()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var cancel = new CancellationTokenSource();
        _engine.AfterFrame = _ => cancel.Cancel();
        var code = Composition.Run(Restore(media.Video, _folder["o/f_%04d.png"], "--frames", "0-9"), new CliConsole(output, error, false), cancel.Token,
            services => services.AddSingleton<IRangeRestorerFactory>(_engine));
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains("tdm: cancelled", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(8, Directory.GetFiles(_folder["o"]).Length); // the first chunk, finished before the cancellation was seen
    }

    [Fact]
    public void Restore_VideoWithAudio_VideoWithAudioAndJsonEvents()
    {
        var (code, output, _) = Run(Restore(media.Video, _folder["out.mkv"], "--frames", "4-11", "--progress", "json"));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("video,audio", Ffmpeg.StreamTypes(_folder["out.mkv"]));
        Assert.Equal(8, Ffmpeg.FrameCount(_folder["out.mkv"]));
        var events = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()).ToList();
        Assert.Equal("started", events[0]);
        Assert.Equal(8, events.Count(e => e == "frame-written"));
        Assert.Equal(["encoding", "done"], events[^2..]);
    }

    private static (int, string) Split((int Code, string Out, string Error) result) => (result.Code, result.Error.Split(';')[0]);
}
