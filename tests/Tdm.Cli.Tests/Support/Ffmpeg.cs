using System.Diagnostics;

namespace Tdm.Cli.Tests.Support;

/// <summary>Runs ffmpeg/ffprobe for test fixtures and checks, independently of the code under test.</summary>
internal static class Ffmpeg
{
    /// <summary>Runs a tool, feeding <paramref name="input"/> on stdin; returns stdout. Fails the test on a non-zero exit.</summary>
    public static string Run(string tool, IEnumerable<string> args, byte[]? input = null)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
        }
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {error.Result}");
        return output.Result;
    }

    /// <summary>A test-pattern video: <paramref name="frames"/> frames of testsrc2 at 24 fps, optionally with a sine tone.</summary>
    public static void TestVideo(string path, int frames, int width, int height, bool audio = false, string codecArgs = "-c:v libx264 -pix_fmt yuv420p -crf 18")
    {
        var args = new List<string> { "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=24" };
        if (audio)
            args.AddRange(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", (frames / 24.0).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        args.AddRange(["-frames:v", frames.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        args.AddRange(codecArgs.Split(' '));
        if (audio)
            args.AddRange(["-c:a", "aac", "-b:a", "96k"]);
        args.Add(path);
        Run("ffmpeg", args);
    }

    /// <summary>
    /// A 16-bit PNG sequence from raw rgba64le pixels that are not multiples of 257 (so an 8-bit round trip would
    /// show): pixel (x, y) of frame k has R = 1000 + 37x + 101y + 997k, G and B shifted, alpha opaque.
    /// </summary>
    public static ushort[] Png16Sequence(string pattern, int first, int count, int width, int height)
    {
        var samples = new ushort[count * width * height * 4];
        for (var k = 0; k < count; k++)
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                {
                    var i = (((k * height) + y) * width + x) * 4;
                    samples[i] = (ushort)((1000 + (37 * x) + (101 * y) + (997 * k)) % 65536);
                    samples[i + 1] = (ushort)((30001 + (53 * x) + (7 * y) + (311 * k)) % 65536);
                    samples[i + 2] = (ushort)((50003 + (3 * x) + (211 * y) + (13 * k)) % 65536);
                    samples[i + 3] = 65535;
                }
        var raw = new byte[samples.Length * 2];
        Buffer.BlockCopy(samples, 0, raw, 0, raw.Length);
        Run("ffmpeg", ["-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgba64le", "-s", $"{width}x{height}", "-i", "-",
            "-pix_fmt", "rgb48be", "-start_number", first.ToString(System.Globalization.CultureInfo.InvariantCulture), pattern], raw);
        return samples;
    }

    /// <summary>The pixel format ffprobe reports for a file's first video stream.</summary>
    public static string PixelFormat(string file) =>
        Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=pix_fmt", "-of", "default=nw=1:nk=1", file]).Trim();

    /// <summary>The codec types of a file's streams, in order ("video,audio").</summary>
    public static string StreamTypes(string file) =>
        string.Join(',', Run("ffprobe", ["-v", "error", "-show_entries", "stream=codec_type", "-of", "default=nw=1:nk=1", file])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>How many video frames a file has (decoded and counted).</summary>
    public static int FrameCount(string file) =>
        int.Parse(Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "default=nw=1:nk=1", file]).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A file's frames decoded to raw pixels of <paramref name="pixelFormat"/>, all frames concatenated.</summary>
    public static byte[] Decode(string file, string pixelFormat)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-v", "error", "-i", file, "-f", "rawvideo", "-pix_fmt", pixelFormat, "-" })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        using var memory = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(memory);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"decoding {file} failed: {error.Result}");
        return memory.ToArray();
    }
}
