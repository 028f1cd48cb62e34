using System.Buffers.Binary;
using System.Text.Json;
using Tdm.Engine;

namespace Tdm.Dataset;

/// <summary>
/// Checks a dataset folder the way the training script will read it: every metadata.jsonl row has file_name,
/// conditioning_image_file_name, text and task; both paths resolve to files inside the folder; both images have the
/// same size (PNG headers are read, nothing is decoded). Reports counts per task and the sizes seen.
/// </summary>
public static class DatasetInspection
{
    private const int MaxProblems = 50;
    private static readonly string[] s_keys = ["file_name", "conditioning_image_file_name", "text", "task"];

    /// <summary>Inspects <paramref name="folder"/>; throws <see cref="TdmException"/> (Input) when it has no metadata.jsonl.</summary>
    public static DatasetReport Inspect(string folder)
    {
        var metadata = Path.Combine(folder, DatasetBuilder.MetadataFile);
        if (!File.Exists(metadata))
            throw new TdmException(TdmErrorKind.Input, $"'{folder}' has no {DatasetBuilder.MetadataFile}: is it a dataset folder written by 'tdm dataset build'?");
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var counts = new List<KeyValuePair<string, int>>();
        var sizes = new List<(int, int)>();
        var pairs = new List<(string, string, string)>();
        var problems = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(metadata))
        {
            number++;
            if (line.Length == 0)
                continue;
            JsonDocument row;
            try
            {
                row = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                Note(problems, $"row {number}: not JSON ({e.Message})");
                continue;
            }
            using (row)
            {
                var missing = s_keys.Where(k => !row.RootElement.TryGetProperty(k, out var v) || v.ValueKind != JsonValueKind.String).ToArray();
                if (missing.Length > 0)
                {
                    Note(problems, $"row {number}: no {string.Join(", ", missing)}");
                    continue;
                }
                var task = row.RootElement.GetProperty("task").GetString()!;
                var index = counts.FindIndex(c => c.Key == task);
                if (index < 0)
                    counts.Add(new(task, 1));
                else
                    counts[index] = new(task, counts[index].Value + 1);
                var image = row.RootElement.GetProperty("file_name").GetString()!;
                var conditioning = row.RootElement.GetProperty("conditioning_image_file_name").GetString()!;
                var imageSize = SizeOf(root, image, number, problems);
                var conditioningSize = SizeOf(root, conditioning, number, problems);
                if (imageSize is null || conditioningSize is null)
                    continue;
                if (imageSize != conditioningSize)
                    Note(problems, $"row {number}: {image} is {imageSize.Value.Item1}x{imageSize.Value.Item2} but {conditioning} is {conditioningSize.Value.Item1}x{conditioningSize.Value.Item2}");
                if (!sizes.Contains(imageSize.Value))
                    sizes.Add(imageSize.Value);
                pairs.Add((image, conditioning, task));
            }
        }
        return new DatasetReport(counts, sizes, pairs, problems);
    }

    /// <summary>Width and height of a PNG file from its IHDR chunk, or null when it is not a PNG.</summary>
    public static (int Width, int Height)? PngSize(string path)
    {
        Span<byte> header = stackalloc byte[24];
        using var stream = File.OpenRead(path);
        if (stream.ReadAtLeast(header, 24, throwOnEndOfStream: false) < 24 || header[0] != 0x89 || header[1] != (byte)'P' || header[12] != (byte)'I')
            return null;
        return (BinaryPrimitives.ReadInt32BigEndian(header[16..]), BinaryPrimitives.ReadInt32BigEndian(header[20..]));
    }

    private static (int, int)? SizeOf(string root, string relative, int number, List<string> problems)
    {
        var path = Path.GetFullPath(Path.Combine(root, relative));
        if (!path.StartsWith(root, StringComparison.Ordinal))
        {
            Note(problems, $"row {number}: '{relative}' lies outside the folder");
            return null;
        }
        if (!File.Exists(path))
        {
            Note(problems, $"row {number}: '{relative}' does not exist");
            return null;
        }
        var size = PngSize(path);
        if (size is null)
            Note(problems, $"row {number}: '{relative}' is not a PNG file");
        return size;
    }

    private static void Note(List<string> problems, string problem)
    {
        if (problems.Count < MaxProblems)
            problems.Add(problem);
        else if (problems.Count == MaxProblems)
            problems.Add($"(more problems not listed; the first {MaxProblems} are above)");
    }
}
