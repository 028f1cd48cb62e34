namespace Tdm.Dataset;

/// <summary>
/// What <see cref="DatasetInspection"/> found in a dataset folder: pairs per task (in first-seen order), the crop
/// sizes seen, the rows that name a pair (relative paths of image and conditioning image, and the task), and every
/// problem (a missing key, a path outside the folder or missing, a pair of unequal sizes), each naming its row.
/// </summary>
public sealed record DatasetReport(
    IReadOnlyList<KeyValuePair<string, int>> PerTask,
    IReadOnlyList<(int Width, int Height)> Sizes,
    IReadOnlyList<(string Image, string Conditioning, string Task)> Pairs,
    IReadOnlyList<string> Problems)
{
    /// <summary>Total rows.</summary>
    public int Total => PerTask.Sum(t => t.Value);
}
