using Tdm.Cli.Tests.Support;

namespace Tdm.Cli.Tests.Commands;

public sealed class ModelsSynthCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    [Fact]
    public void Synth_Tiny_WritesAUsableModelFolderDeterministically()
    {
        var (code, output, error) = InProcess.Run(["models", "synth", "--arch", "tiny", "--seed", "7", "--out", _folder["a"]]);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("wrote a random-weight tiny model (seed 7)", output, StringComparison.Ordinal);
        foreach (var part in new[] { "model_index.json", "unet/config.json", "vae/config.json", "text_encoder/config.json", "tokenizer/vocab.json", "scheduler/scheduler_config.json", "controlnet/config.json" })
            Assert.True(File.Exists(Path.Combine(_folder["a"], part)), $"{part} is missing");

        InProcess.Run(["models", "synth", "--arch", "tiny", "--seed", "7", "--out", _folder["b"]]);
        var a = Files(_folder["a"]);
        var b = Files(_folder["b"]);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.All(a, entry => Assert.True(entry.Value.AsSpan().SequenceEqual(b[entry.Key]), $"{entry.Key} differs between two runs with seed 7"));

        var (inspectCode, report, _) = InProcess.Run(["models", "inspect", _folder["a"]]);
        Assert.Equal(ExitCodes.Ok, inspectCode);
        Assert.Contains("result:       usable", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Synth_IntoAFolderThatIsNotEmpty_RefusedWithoutOverwrite()
    {
        Directory.CreateDirectory(_folder["m"]);
        File.WriteAllText(_folder["m/keep.txt"], "mine");
        var (code, _, error) = InProcess.Run(["models", "synth", "--out", _folder["m"]]);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("is not empty", error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFileSystemEntries(_folder["m"]));
    }

    [Fact]
    public void Synth_UnknownArchitecture_ExitTwo() =>
        Assert.Equal(ExitCodes.BadArguments, InProcess.Run(["models", "synth", "--arch", "sdxl", "--out", _folder["x"]]).Code);
}
