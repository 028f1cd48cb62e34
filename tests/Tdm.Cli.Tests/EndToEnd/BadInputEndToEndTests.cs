using Tdm.Cli.Tests.Support;

namespace Tdm.Cli.Tests.EndToEnd;

/// <summary>Every bad input through the built program: its exit code and a message that says what to fix.</summary>
public sealed partial class BadInputEndToEndTests(EndToEndFixture e2e) : IClassFixture<EndToEndFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static void AssertFails((int Code, string Out, string Error) result, int code, string message)
    {
        Assert.True(result.Code == code, $"exit code {result.Code}, expected {code}; stderr: {result.Error}");
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingInput_Exit3() =>
        AssertFails(TdmProcess.Run(e2e.Restore(_folder["missing.mp4"], _folder["o.mp4"])), ExitCodes.Input, $"input '{_folder["missing.mp4"]}' does not exist");

    [Fact]
    public void UnreadableOrTruncatedVideo_Exit3()
    {
        File.WriteAllText(_folder["text.mp4"], "not a video");
        AssertFails(TdmProcess.Run(e2e.Restore(_folder["text.mp4"], _folder["o.mp4"])), ExitCodes.Input, "Invalid data found when processing input");

        var bytes = File.ReadAllBytes(e2e.Clip);
        File.WriteAllBytes(_folder["cut.mkv"], bytes[..(bytes.Length / 3)]);
        var result = TdmProcess.Run(e2e.Restore(_folder["cut.mkv"], _folder["o.mp4"]));
        Assert.True(result.Code == ExitCodes.Input, result.Error);
        Assert.Contains($"'{_folder["cut.mkv"]}'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPattern_Exit3() =>
        AssertFails(TdmProcess.Run(e2e.Restore(_folder["f_%04d.png"], _folder["o.mp4"])), ExitCodes.Input, "no files match the pattern");

    [Fact]
    public void RangeOutsideTheClip_Exit2() =>
        AssertFails(TdmProcess.Run(e2e.Restore(e2e.Clip, _folder["o.mp4"], "--frames", "20-30")), ExitCodes.BadArguments,
            $"--frames 20-30 is outside the clip: '{e2e.Clip}' has frames 0-23");

    [Fact]
    public void UnwritableOutputFolder_Exit7()
    {
        File.WriteAllText(_folder["file"], "");
        AssertFails(TdmProcess.Run(e2e.Restore(e2e.Clip, _folder["file/o_%04d.png"])), ExitCodes.Output, "cannot be created or written");
    }

    [Fact]
    public void UnknownTask_Exit2() =>
        AssertFails(TdmProcess.Run([.. e2e.Restore(e2e.Clip, _folder["o.mp4"]).Select(a => a == "denoise" ? "unblur" : a)]), ExitCodes.BadArguments,
            "--task must be one of denoise, dehaze, derain, mp4, sr, custom; got 'unblur'");

    [Fact]
    public void ModelFolderWithAProblem_Exit4()
    {
        // A copy of the golden model whose U-Net weights are missing.
        var model = _folder["model"];
        foreach (var file in Directory.GetFiles(Tdm.Tests.Golden.Path("models"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(model, Path.GetRelativePath(Tdm.Tests.Golden.Path("models"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.Delete(Path.Combine(model, "unet", "diffusion_pytorch_model.safetensors"));
        var args = e2e.Restore(e2e.Clip, _folder["o.mp4"]);
        args[Array.IndexOf(args, "--model") + 1] = model;

        var result = TdmProcess.Run(args);
        Assert.True(result.Code == ExitCodes.Model, $"exit code {result.Code}; stderr: {result.Error}");
        Assert.Contains("unet", result.Error, StringComparison.Ordinal);
    }
}
