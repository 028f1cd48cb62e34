using Tdm.Cli.Tests.Support;

namespace Tdm.Cli.Tests.Commands;

public sealed class ModelsInspectCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Inspect_GoldenModel_UsableExitZero()
    {
        var (code, output, _) = InProcess.Run(["models", "inspect", Tdm.Tests.Golden.Path("models")]);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("layout:       diffusers folder", output, StringComparison.Ordinal);
        Assert.Contains("result:       usable", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_ModelMissingItsUNetWeights_ReportsTheProblemExitFour()
    {
        foreach (var file in Directory.GetFiles(Tdm.Tests.Golden.Path("models"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder["model"], Path.GetRelativePath(Tdm.Tests.Golden.Path("models"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.Delete(_folder["model/unet/diffusion_pytorch_model.safetensors"]);

        var (code, output, _) = InProcess.Run(["models", "inspect", _folder["model"]]);

        Assert.Equal(ExitCodes.Model, code);
        Assert.Contains("PROBLEM", output, StringComparison.Ordinal);
        Assert.Contains("unet", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_NothingThere_ExitFour()
    {
        var (code, output, _) = InProcess.Run(["models", "inspect", _folder["absent"]]);
        Assert.Equal(ExitCodes.Model, code);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_ModelWithoutControlNet_Exit4UntilOneIsGiven()
    {
        foreach (var file in Directory.GetFiles(Tdm.Tests.Golden.Path("models"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder["model"], Path.GetRelativePath(Tdm.Tests.Golden.Path("models"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Directory.Delete(_folder["model/controlnet"], recursive: true);

        var (code, output, _) = InProcess.Run(["models", "inspect", _folder["model"]]);
        Assert.Equal(ExitCodes.Model, code);
        Assert.Contains("no ControlNet: restoring needs", output, StringComparison.Ordinal);

        (code, output, _) = InProcess.Run(["models", "inspect", _folder["model"], "--controlnet", Tdm.Tests.Golden.Path("models", "controlnet")]);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("result:       usable", output, StringComparison.Ordinal);
    }
}
