using Tdm.Cli.Media;
using Tdm.Dataset;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Imaging;

namespace Tdm.Cli.Dataset;

/// <summary>
/// Clean footage for 'tdm dataset build': each argument is a video, an image, an image sequence pattern (%04d) or a
/// folder (its images and videos, recursively, in ordinal path order so the list is the same on every run). Frames
/// are decoded through ffmpeg (<see cref="FfmpegClip"/>), one short decoder per read. An image NAME.EXT may have a
/// depth map NAME.depth.png beside it (grey, white far), which dehaze uses instead of its depth proxy.
/// </summary>
internal sealed class MediaCleanSource : ICleanSource
{
    private static readonly HashSet<string> s_imageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".exr", ".bmp", ".webp" };
    private static readonly HashSet<string> s_videoExtensions = new(StringComparer.OrdinalIgnoreCase) { ".mp4", ".mov", ".mkv", ".m4v", ".avi", ".webm", ".mxf" };

    private const string DepthSuffix = ".depth.png";

    private readonly List<string> _items = [];
    private readonly Dictionary<int, MediaInfo> _probed = [];
    private readonly MediaProbe _probe;
    private readonly FfmpegTools _tools;

    /// <summary>The items named by <paramref name="inputs"/>.</summary>
    public MediaCleanSource(IEnumerable<string> inputs, MediaProbe probe, FfmpegTools tools)
    {
        _probe = probe;
        _tools = tools;
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(f => s_imageExtensions.Contains(Path.GetExtension(f)) || s_videoExtensions.Contains(Path.GetExtension(f)))
                    .Where(f => !f.EndsWith(DepthSuffix, StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal).ToArray();
                if (files.Length == 0)
                    throw new TdmException(TdmErrorKind.Input, $"'{input}' holds no images or videos ({string.Join(", ", s_imageExtensions.Concat(s_videoExtensions))})");
                _items.AddRange(files);
            }
            else if (SequencePattern.IsPattern(input) || File.Exists(input))
            {
                _items.Add(input);
            }
            else
            {
                throw new TdmException(TdmErrorKind.Input, $"clean input '{input}' does not exist: give images, videos, image sequence patterns or folders");
            }
        }
    }

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <inheritdoc/>
    public string NameOf(int item) => _items[item];

    /// <inheritdoc/>
    public int FrameCount(int item) => IsImage(item) ? 1 : Info(item).FrameCount;

    /// <inheritdoc/>
    public Frame Read(int item, int frame)
    {
        using var clip = new FfmpegClip(Info(item), _tools, cacheFrames: 1);
        return clip.ReadFrame(frame);
    }

    /// <inheritdoc/>
    public Frame? ReadDepth(int item, int frame)
    {
        if (!IsImage(item))
            return null;
        var path = Path.Combine(Path.GetDirectoryName(_items[item]) ?? "", Path.GetFileNameWithoutExtension(_items[item]) + DepthSuffix);
        if (!File.Exists(path))
            return null;
        using var clip = new FfmpegClip(_probe.Probe(path), _tools, cacheFrames: 1);
        return clip.ReadFrame(0);
    }

    private bool IsImage(int item) => !SequencePattern.IsPattern(_items[item]) && s_imageExtensions.Contains(Path.GetExtension(_items[item]));

    private MediaInfo Info(int item)
    {
        if (!_probed.TryGetValue(item, out var info))
            _probed[item] = info = _probe.Probe(_items[item]);
        return info;
    }
}
