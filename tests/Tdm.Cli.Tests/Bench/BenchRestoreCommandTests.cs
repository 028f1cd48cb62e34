using System.Globalization;
using Tdm.Cli.Tests.Support;

namespace Tdm.Cli.Tests.Bench;

public sealed class BenchRestoreCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Run_TinyOnCpu_StagesAddUpToTheTotalForBothModes()
    {
        var (code, output, error) = InProcess.Run(["bench", "restore", "--arch", "tiny", "--frames", "3", "--size", "96x64",
            "--inversion-steps", "1", "--steps", "2", "--device", "cpu", "--threads", "1", "--cache-dir", _folder.Path]);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.True(File.Exists(_folder["bench-models/tiny/model_index.json"]), "the benchmark model was not synthesized into the cache folder");
        Assert.Contains("3 frames of 96x64, processed at 128x64", output, StringComparison.Ordinal);
        foreach (var mode in new[] { "SW-CFA (r=3)", "plain attention" })
        {
            // s/frame, VAE, inversion, sampling (per frame), total seconds.
            var row = output.Split('\n').Single(l => l.StartsWith(mode, StringComparison.Ordinal))[mode.Length..]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(5, row.Length);
            Assert.Equal(row[0] * 3, row[4], 0.02);
            // The stages cover the run but for the time between the last report and the return (writing no frames).
            Assert.InRange(row[1] + row[2] + row[3], row[0] * 0.8, row[0] + 0.002);
        }
        Assert.Contains("SW-CFA / plain attention time: ", output, StringComparison.Ordinal);
        Assert.Contains("GiB resident", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SwCfaOnly_MeasuresOneModeAndSplitsTheCostPerMegapixel()
    {
        var (code, output, error) = InProcess.Run(["bench", "restore", "--arch", "tiny", "--frames", "2", "--size", "64x64",
            "--inversion-steps", "1", "--steps", "1", "--rounds", "1", "--sw-cfa-only", "--device", "cpu", "--threads", "1", "--cache-dir", _folder.Path]);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("SW-CFA (r=3)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("plain attention", output, StringComparison.Ordinal);
        // "seconds per megapixel (SW-CFA): T (VAE a, inversion b, sampling c)": the parts are the stages, within the total.
        var line = output.Split('\n').Single(l => l.StartsWith("seconds per megapixel (SW-CFA): ", StringComparison.Ordinal));
        var figures = System.Text.RegularExpressions.Regex.Matches(line, @"\d+\.\d+").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, figures.Length);
        Assert.True(figures[1] > 0 && figures[2] > 0 && figures[3] > 0, line);
        Assert.InRange(figures[1] + figures[2] + figures[3], figures[0] * 0.8, figures[0] + 0.002);
        Assert.Contains("tile batch: 1 of the frame's 1 tile(s) a network evaluation", output, StringComparison.Ordinal);
        // Both heaps are measured (glibc's figures are there): a figure, not n/a.
        var memory = System.Text.RegularExpressions.Regex.Match(output, @"working memory of the networks: (\d+\.\d+) GiB");
        Assert.True(memory.Success, output);
        Assert.Contains("host frame memory (managed heap peak) ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BadSize_ExitTwo()
    {
        var (code, _, error) = InProcess.Run(["bench", "restore", "--size", "wide"]);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("--size must be WIDTHxHEIGHT", error, StringComparison.Ordinal);
    }
}
