using Tdm.Dataset.Media;
using Tdm.Dataset.Tests.Support;

namespace Tdm.Dataset.Tests;

public class DatasetInspectionTests
{
    private static readonly FfmpegTools s_tools = FfmpegTools.FromEnvironment();

    private static string Build(TempFolder folder)
    {
        var settings = new DatasetBuildSettings(new DatasetTasks(new DegradationOptions(), s_tools).Parse("denoise,dehaze"), 2, 1, 64);
        new DatasetBuilder(new FakeSource()).Build(folder.Path, settings);
        return folder.Path;
    }

    [Fact]
    public void Inspect_BuiltFolder_CountsPerTaskAndNoProblems()
    {
        using var folder = new TempFolder();
        var report = DatasetInspection.Inspect(Build(folder));
        Assert.Equal([new("denoise", 2), new("dehaze", 2)], report.PerTask);
        Assert.Equal([(64, 64)], report.Sizes);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void Inspect_MissingKeyEscapingPathAndUnequalSizes_EachReported()
    {
        using var folder = new TempFolder();
        var path = Build(folder);
        PngFile.Write(TestImages.Flat(32, 9), Path.Combine(path, "conditioning_images/000001.png"));
        File.AppendAllLines(Path.Combine(path, DatasetBuilder.MetadataFile),
        [
            "{\"file_name\":\"images/000000.png\",\"text\":\"remove the noise\",\"task\":\"denoise\"}",
            "{\"file_name\":\"../outside.png\",\"conditioning_image_file_name\":\"images/000000.png\",\"text\":\"t\",\"task\":\"denoise\"}",
        ]);

        var problems = DatasetInspection.Inspect(path).Problems;

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("row 2", StringComparison.Ordinal) && p.Contains("32x32", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("row 5", StringComparison.Ordinal) && p.Contains("conditioning_image_file_name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("row 6", StringComparison.Ordinal) && p.Contains("outside the folder", StringComparison.Ordinal));
    }

    [Fact]
    public void ContactSheet_TwoTasksTwoSamples_RowPerTaskOfPairs()
    {
        using var folder = new TempFolder();
        var path = Build(folder);
        var sheet = Path.Combine(folder.Path, "..", Path.GetFileName(folder.Path) + "-sheet.png");
        try
        {
            new ContactSheet(s_tools, perTask: 2, thumbnail: 32).Write(path, DatasetInspection.Inspect(path), sheet);
            // Two columns of (32 + 4 + 32) cells with 4-pixel gaps; two rows of 32 with gaps.
            Assert.Equal((4 + (2 * (68 + 4)), 4 + (2 * 36)), DatasetInspection.PngSize(sheet));
        }
        finally
        {
            File.Delete(sheet);
        }
    }
}
