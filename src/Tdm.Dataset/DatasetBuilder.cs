using System.Globalization;
using System.Text;
using System.Text.Json;
using Tdm.Dataset.Degradations;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Imaging;

namespace Tdm.Dataset;

/// <summary>
/// Builds a ControlNet training folder in the layout diffusers' train_controlnet.py reads through the datasets
/// imagefolder builder: images/NNNNNN.png (the clean targets), conditioning_images/NNNNNN.png (the degraded inputs) and
/// metadata.jsonl with file_name, conditioning_image_file_name, text, task and the drawn parameters. Each pair is cut
/// as in the paper (resize to short side = crop size, random crop) and depends only on (seed, index), so the output
/// is byte-identical for a seed; pairs are written in order and a row is appended only after both images are in
/// place, so an interrupted build resumes after its last complete row without rewriting anything before it.
/// </summary>
public sealed class DatasetBuilder(ICleanSource source)
{
    /// <summary>The metadata file's name.</summary>
    public const string MetadataFile = "metadata.jsonl";

    /// <summary>The file that remembers the settings a folder was built with.</summary>
    public const string SettingsFile = "tdm-dataset.txt";

    /// <summary>
    /// Builds (or resumes) the dataset in <paramref name="folder"/>; <paramref name="progress"/> gets (pairs done,
    /// total) after each pair. Returns the number of pairs written by this run.
    /// </summary>
    public int Build(string folder, DatasetBuildSettings settings, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        if (source.Count == 0)
            throw new TdmException(TdmErrorKind.BadArgument, "no clean images or videos to cut pairs from");
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        Directory.CreateDirectory(Path.Combine(folder, "conditioning_images"));
        CheckSettings(folder, settings);
        var metadata = Path.Combine(folder, MetadataFile);
        var done = CompleteRows(metadata);
        progress?.Invoke(Math.Min(done, settings.Total), settings.Total);
        var written = 0;
        using var stream = new FileStream(metadata, FileMode.Append, FileAccess.Write, FileShare.Read);
        for (var index = done; index < settings.Total; index++)
        {
            cancel.ThrowIfCancellationRequested();
            var row = BuildPair(folder, settings, index);
            stream.Write(row);
            stream.Flush(flushToDisk: true);
            written++;
            progress?.Invoke(index + 1, settings.Total);
        }
        return written;
    }

    /// <summary>The pair file names of index <paramref name="index"/>, relative to the folder.</summary>
    public static (string Image, string Conditioning) PairNames(int index)
    {
        var name = index.ToString("D6", CultureInfo.InvariantCulture) + ".png";
        return ("images/" + name, "conditioning_images/" + name);
    }

    private byte[] BuildPair(string folder, DatasetBuildSettings settings, int index)
    {
        var task = settings.Tasks[index % settings.Tasks.Count];
        var random = new PairRandom(settings.Seed, index);
        var item = random.NextInt(source.Count);
        var frameIndex = random.NextInt(source.FrameCount(item));
        var frame = source.Read(item, frameIndex);
        var (clean, cropX, cropY) = Crop(frame, settings.CropSize, random);
        PngFile.Quantise(clean); // the degradations see exactly the stored target
        var depth = task.Degradations.Any(d => d is HazeDegradation) && source.ReadDepth(item, frameIndex) is { } map
            ? CropAt(map, frame.Width, frame.Height, settings.CropSize, cropX, cropY)
            : null;
        var record = new DegradationRecord();
        var degraded = clean;
        foreach (var degradation in task.Degradations)
            degraded = degradation is HazeDegradation haze ? haze.Apply(degraded, depth, random, record) : degradation.Apply(degraded, random, record);
        PngFile.Quantise(degraded);

        var (image, conditioning) = PairNames(index);
        PngFile.Write(clean, Path.Combine(folder, image));
        PngFile.Write(degraded, Path.Combine(folder, conditioning));

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("file_name", image);
            json.WriteString("conditioning_image_file_name", conditioning);
            json.WriteString("text", task.Prompt);
            json.WriteString("task", task.Name);
            json.WriteString("source", source.NameOf(item));
            json.WriteNumber("source_frame", frameIndex);
            json.WriteNumber("crop_x", cropX);
            json.WriteNumber("crop_y", cropY);
            foreach (var (key, value) in record.Values)
            {
                switch (value)
                {
                    case string s: json.WriteString(key, s); break;
                    case bool b: json.WriteBoolean(key, b); break;
                    case int i: json.WriteNumber(key, i); break;
                    case long l: json.WriteNumber(key, l); break;
                    default: json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
                }
            }
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    // The paper's pre-processing: resize so the short side is the crop size, then a random crop.
    private static (Frame Crop, int X, int Y) Crop(Frame frame, int size, PairRandom random)
    {
        var (width, height) = ResizedSize(frame.Width, frame.Height, size);
        var x = random.NextInt(width - size + 1);
        var y = random.NextInt(height - size + 1);
        return (CropAt(frame, frame.Width, frame.Height, size, x, y), x, y);
    }

    private static (int Width, int Height) ResizedSize(int width, int height, int size)
    {
        var scale = (double)size / Math.Min(width, height);
        return (Math.Max(size, (int)Math.Round(width * scale)), Math.Max(size, (int)Math.Round(height * scale)));
    }

    // The crop at (x, y) of a frame (or its depth map, resized first to the frame's size) after the resize.
    private static Frame CropAt(Frame frame, int frameWidth, int frameHeight, int size, int x, int y)
    {
        if (frame.Width != frameWidth || frame.Height != frameHeight)
            frame = frame.Resized(frameWidth, frameHeight);
        var (width, height) = ResizedSize(frameWidth, frameHeight, size);
        var resized = width == frame.Width && height == frame.Height ? frame : frame.Resized(width, height);
        var crop = new Frame(size, size);
        for (var row = 0; row < size; row++)
            resized.Pixels.AsSpan((((y + row) * width) + x) * 4, size * 4).CopyTo(crop.Pixels.AsSpan(row * size * 4));
        for (var i = 3; i < crop.Pixels.Length; i += 4)
            crop.Pixels[i] = 1f; // training pairs are opaque
        return crop;
    }

    private static void CheckSettings(string folder, DatasetBuildSettings settings)
    {
        var path = Path.Combine(folder, SettingsFile);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"seed {settings.Seed}\ncrop {settings.CropSize}\n")
            .Append(CultureInfo.InvariantCulture, $"tasks {string.Join(",", settings.Tasks.Select(t => $"{t.Name}={t.Prompt}={string.Join("+", t.Degradations.Select(d => d.Name))}"))}\n")
            .Append(settings.Fingerprint).ToString();
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path);
            if (existing != text)
                throw new TdmException(TdmErrorKind.BadArgument,
                    $"'{folder}' holds a dataset built with other settings ({path}); resume it with the same seed, tasks, crop size and ranges, or choose another --out");
            return;
        }
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
    }

    // Counts the complete rows (each ends with a newline and names the pair of its position); anything after them, a
    // row cut short by an interruption, is removed so appending continues cleanly.
    private static int CompleteRows(string metadata)
    {
        if (!File.Exists(metadata))
            return 0;
        var bytes = File.ReadAllBytes(metadata);
        var count = 0;
        var keep = 0;
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'\n')
                continue;
            var line = Encoding.UTF8.GetString(bytes, start, i - start);
            if (!line.Contains($"\"file_name\":\"{PairNames(count).Image}\"", StringComparison.Ordinal))
                break;
            count++;
            keep = i + 1;
            start = i + 1;
        }
        if (keep < bytes.Length)
        {
            using var stream = new FileStream(metadata, FileMode.Open, FileAccess.Write);
            stream.SetLength(keep);
        }
        return count;
    }
}
