using System.Text.Json;
using Tdm.Cli.Tests.Support;

namespace Tdm.Cli.Tests.Commands;

public sealed class DatasetBuildCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public DatasetBuildCommandTests()
    {
        Directory.CreateDirectory(_folder["clean"]);
        Ffmpeg.TestVideo(_folder["clean/clip.mkv"], 3, 96, 80);
        Ffmpeg.Run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=80x112:rate=1", "-frames:v", "1", _folder["clean/still.png"]]);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Build_FolderOfVideoAndImage_WritesBalancedPairsWithPrompts()
    {
        var (code, output, error) = InProcess.Run(["dataset", "build", "--clean", _folder["clean"], "--out", _folder["set"], "--per-task", "1", "--size", "64", "--seed", "3"]);

        Assert.True(code == 0, error);
        Assert.Contains("wrote 5 pair(s)", output, StringComparison.Ordinal);
        var rows = File.ReadAllLines(_folder["set/metadata.jsonl"]).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(["denoise", "dehaze", "derain", "mp4", "sr"], rows.Select(r => r.GetProperty("task").GetString()));
        Assert.Equal("remove the fog", rows[1].GetProperty("text").GetString());
        Assert.All(rows, r => Assert.True(File.Exists(Path.Combine(_folder["set"], r.GetProperty("conditioning_image_file_name").GetString()!))));
        Assert.All(rows, r => Assert.StartsWith(_folder["clean"], r.GetProperty("source").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Build_CustomTask_UsesItsPromptAndChain()
    {
        var (code, _, error) = InProcess.Run(["dataset", "build", "--clean", _folder["clean/still.png"], "--out", _folder["custom"], "--per-task", "1", "--size", "64",
            "--tasks", "", "--custom-prompt", "remove the snow", "--custom", "dehaze+denoise"]);

        Assert.True(code == 0, error);
        var row = JsonDocument.Parse(File.ReadAllLines(_folder["custom/metadata.jsonl"]).Single()).RootElement;
        Assert.Equal("remove the snow", row.GetProperty("text").GetString());
        Assert.True(row.TryGetProperty("haze_beta", out _) && row.TryGetProperty("noise", out _), row.ToString());
    }

    [Fact]
    public void Build_BadRange_UsageError()
    {
        var (code, _, error) = InProcess.Run(["dataset", "build", "--clean", _folder["clean"], "--out", _folder["bad"], "--noise-sigma", "30,1"]);
        Assert.Equal(2, code);
        Assert.Contains("--noise-sigma", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_BuiltFolder_CountsAndWritesSheetBesideIt()
    {
        Assert.Equal(0, InProcess.Run(["dataset", "build", "--clean", _folder["clean/still.png"], "--out", _folder["set"], "--per-task", "1", "--size", "64", "--tasks", "denoise,sr"]).Code);

        var (code, output, error) = InProcess.Run(["dataset", "inspect", _folder["set"]]);

        Assert.True(code == 0, error);
        Assert.Contains("2 pair(s)", output, StringComparison.Ordinal);
        Assert.Contains("64x64", output, StringComparison.Ordinal);
        Assert.True(File.Exists(_folder["set-contact-sheet.png"]), output);
        Assert.False(File.Exists(_folder["set/set-contact-sheet.png"]));
    }

    [Fact]
    public void Build_ImageWithDepthPngBeside_DehazeUsesTheMapAndTheMapIsNoSource()
    {
        Directory.CreateDirectory(_folder["depth"]);
        File.Copy(_folder["clean/still.png"], _folder["depth/still.png"]);
        Ffmpeg.Run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "gradients=size=80x112:rate=1", "-frames:v", "1", "-pix_fmt", "gray", _folder["depth/still.depth.png"]]);

        var (code, _, error) = InProcess.Run(["dataset", "build", "--clean", _folder["depth"], "--out", _folder["hazy"], "--per-task", "3", "--size", "64", "--tasks", "dehaze"]);

        Assert.True(code == 0, error);
        var rows = File.ReadAllLines(_folder["hazy/metadata.jsonl"]).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.All(rows, r => Assert.Equal(_folder["depth/still.png"], r.GetProperty("source").GetString()));
        Assert.All(rows, r => Assert.Equal("map", r.GetProperty("haze_depth").GetString()));
    }
}
