using System.Text.Json;
using Tdm.Dataset.Media;
using Tdm.Dataset.Tests.Support;
using Tdm.Engine.Text;

namespace Tdm.Dataset.Tests;

public class DatasetBuilderTests
{
    private const int Crop = 64;
    private const int PerTask = 1;
    private const int Interrupted = 2;
    private static readonly FfmpegTools s_tools = FfmpegTools.FromEnvironment();
    private static readonly string[] s_requiredKeys = ["file_name", "conditioning_image_file_name", "text", "task"];

    private static DatasetBuildSettings Settings(long seed) =>
        new(new DatasetTasks(new DegradationOptions(), s_tools).Parse("denoise,dehaze,derain,mp4,sr"), PerTask, seed, Crop);

    [Fact]
    public void Build_SameSeedTwice_SameBytes()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        new DatasetBuilder(new FakeSource()).Build(a.Path, Settings(7));
        new DatasetBuilder(new FakeSource()).Build(b.Path, Settings(7));
        AssertSameFiles(a.Path, b.Path);
    }

    [Fact]
    public void Build_OtherSeed_OtherPairs()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        new DatasetBuilder(new FakeSource()).Build(a.Path, Settings(1) with { Tasks = Settings(1).Tasks.Take(1).ToArray() });
        new DatasetBuilder(new FakeSource()).Build(b.Path, Settings(2) with { Tasks = Settings(2).Tasks.Take(1).ToArray() });
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a.Path, "conditioning_images/000000.png")), File.ReadAllBytes(Path.Combine(b.Path, "conditioning_images/000000.png")));
    }

    [Fact]
    public void Build_ResumedAfterInterruption_CompletesWithoutRewritingFinishedPairs()
    {
        using var whole = new TempFolder();
        using var resumed = new TempFolder();
        var builder = new DatasetBuilder(new FakeSource());
        builder.Build(whole.Path, Settings(3));

        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => builder.Build(resumed.Path, Settings(3), (done, _) =>
        {
            if (done == Interrupted)
                cancel.Cancel();
        }, cancel.Token));
        // An interruption in the middle of appending a row leaves part of it.
        File.AppendAllText(Path.Combine(resumed.Path, DatasetBuilder.MetadataFile), "{\"file_name\":\"images/0000");
        var finished = Enumerable.Range(0, Interrupted).SelectMany(i => new[] { DatasetBuilder.PairNames(i).Image, DatasetBuilder.PairNames(i).Conditioning })
            .ToDictionary(name => name, name => File.GetLastWriteTimeUtc(Path.Combine(resumed.Path, name)));
        Thread.Sleep(20); // a rewrite would show as a later modification time

        var written = builder.Build(resumed.Path, Settings(3));

        Assert.Equal(Settings(3).Total - Interrupted, written);
        foreach (var (name, time) in finished)
            Assert.Equal(time, File.GetLastWriteTimeUtc(Path.Combine(resumed.Path, name)));
        AssertSameFiles(whole.Path, resumed.Path);
    }

    [Fact]
    public void Build_OtherSettingsInSameFolder_Refused()
    {
        using var folder = new TempFolder();
        var builder = new DatasetBuilder(new FakeSource());
        builder.Build(folder.Path, Settings(4) with { PerTask = 1 });
        var error = Assert.Throws<Tdm.Engine.TdmException>(() => builder.Build(folder.Path, Settings(5) with { PerTask = 1 }));
        Assert.Contains("other settings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Metadata_EveryRowHasTheKeysPromptsAndResolvingEqualSizedPairs()
    {
        using var folder = new TempFolder();
        new DatasetBuilder(new FakeSource()).Build(folder.Path, Settings(9));
        var lines = File.ReadAllLines(Path.Combine(folder.Path, DatasetBuilder.MetadataFile));
        Assert.Equal(Settings(9).Total, lines.Length);
        var root = Path.GetFullPath(folder.Path) + Path.DirectorySeparatorChar;
        var tasks = new Dictionary<string, int>();
        foreach (var line in lines)
        {
            using var row = JsonDocument.Parse(line);
            foreach (var key in s_requiredKeys)
                Assert.True(row.RootElement.TryGetProperty(key, out _), $"row {line} lacks '{key}'");
            var task = row.RootElement.GetProperty("task").GetString()!;
            tasks[task] = tasks.GetValueOrDefault(task) + 1;
            var option = Tdm.Engine.Options.MethodOptions.Task.ChoiceNamed(task)!;
            Assert.Equal(TaskPrompts.Default.For((Tdm.Engine.RestorationTask)option.Value), row.RootElement.GetProperty("text").GetString());
            var sizes = new[] { "file_name", "conditioning_image_file_name" }.Select(key =>
            {
                var path = Path.GetFullPath(Path.Combine(folder.Path, row.RootElement.GetProperty(key).GetString()!));
                Assert.StartsWith(root, path, StringComparison.Ordinal);
                Assert.True(File.Exists(path), $"{key} {path} does not exist");
                return PngSize(path);
            }).ToArray();
            Assert.Equal((Crop, Crop), sizes[0]);
            Assert.Equal(sizes[0], sizes[1]);
        }
        Assert.Equal(5, tasks.Count);
        Assert.All(tasks.Values, count => Assert.Equal(PerTask, count));
    }

    [Fact]
    public void Build_SourceWithDepthMap_DehazeUsesTheMapElseTheProxy()
    {
        using var folder = new TempFolder();
        var settings = new DatasetBuildSettings(new DatasetTasks(new DegradationOptions(), s_tools).Parse("dehaze"), 6, 2, Crop);
        new DatasetBuilder(new FakeSource(depth: true)).Build(folder.Path, settings);
        var rows = File.ReadAllLines(Path.Combine(folder.Path, DatasetBuilder.MetadataFile)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Contains(rows, r => r.GetProperty("source").GetString() == "image.png");
        Assert.All(rows, r => Assert.Equal(r.GetProperty("source").GetString() == "image.png" ? "map" : "proxy", r.GetProperty("haze_depth").GetString()));
    }

    // Width and height from the PNG's IHDR chunk (big-endian, bytes 16-23).
    private static (int, int) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    private static void AssertSameFiles(string a, string b)
    {
        var names = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names, Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order(StringComparer.Ordinal).ToArray());
        Assert.True(names.Length > 2 * Settings(0).Total, $"only {names.Length} files");
        foreach (var name in names)
            Assert.True(File.ReadAllBytes(Path.Combine(a, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, name))), $"{name} differs");
    }
}
