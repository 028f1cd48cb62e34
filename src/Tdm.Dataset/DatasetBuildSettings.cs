namespace Tdm.Dataset;

/// <summary>
/// What <see cref="DatasetBuilder"/> builds: the tasks (pair i belongs to task i mod count, so every prefix of the
/// dataset is balanced), pairs per task, the seed, the crop size (the paper's 512) and a fingerprint of every other
/// choice (degradation ranges, sources) that a resumed build must share.
/// </summary>
public sealed record DatasetBuildSettings(IReadOnlyList<DatasetTask> Tasks, int PerTask, long Seed, int CropSize = 512, string Fingerprint = "")
{
    /// <summary>Total pairs.</summary>
    public int Total => Tasks.Count * PerTask;
}
