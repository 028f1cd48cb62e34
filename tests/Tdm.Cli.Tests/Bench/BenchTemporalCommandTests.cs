using System.Globalization;
using Tdm.Cli.Tests.Support;

namespace Tdm.Cli.Tests.Bench;

public sealed class BenchTemporalCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Run_TinyOnCpu_PrintsWarpingErrorFlickerAndTimeOfTheThreeModes()
    {
        var (code, output, error) = InProcess.Run(["bench", "temporal", "--arch", "tiny", "--frames", "3", "--size", "128x64",
            "--inversion-steps", "1", "--steps", "1", "--device", "cpu", "--threads", "1", "--cache-dir", _folder.Path]);

        Assert.True(code == ExitCodes.Ok, error);
        var input = Row(output, "input (no restore)");
        Assert.True(input[0] > 0, "the noisy input flickers, so its own warping error is above 0");
        foreach (var mode in new[] { "SW-CFA (r=3)", "first frame", "plain attention" })
        {
            var row = Row(output, mode);
            Assert.Equal(4, row.Length); // WE x1000, flicker, s/frame, total s
            Assert.All(row, v => Assert.True(double.IsFinite(v) && v >= 0, $"{mode}: {string.Join(" ", row)}"));
            Assert.Equal(row[2] * 3, row[3], 0.02);
        }
    }

    private static double[] Row(string output, string label) => Cells(output, label)
        .Where(v => v != "-").Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    private static string[] Cells(string output, string label) =>
        output.Split('\n').Single(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
