using Tdm.Cli.Tests.Support;

namespace Tdm.Cli.Tests.EndToEnd;

/// <summary>
/// Inputs and one reference run shared by the end-to-end tests: a 24-frame 128x64 H.264 clip with audio, a 12-frame
/// 16-bit PNG sequence numbered from 101, a compiled-graph cache folder reused by every run, and (made on first use)
/// the whole clip restored to float EXR, the reference the range and resume tests compare with bit for bit.
/// </summary>
public sealed class EndToEndFixture : IDisposable
{
    public const int ClipFrames = 24;
    public const int SequenceFirst = 101;
    public const int SequenceFrames = 12;

    private readonly TempFolder _folder = new();
    private readonly Lazy<string> _reference;

    public EndToEndFixture()
    {
        Clip = _folder["clip.mp4"];
        Ffmpeg.TestVideo(Clip, ClipFrames, 128, 64, audio: true);
        Directory.CreateDirectory(_folder["seq"]);
        Sequence = _folder["seq/s_%04d.png"];
        Ffmpeg.Png16Sequence(Sequence, SequenceFirst, SequenceFrames, 128, 64);
        GraphCache = _folder["graphs"];
        _reference = new Lazy<string>(() =>
        {
            var pattern = _folder["reference/r_%04d.exr"];
            var (code, _, error) = TdmProcess.Run(Restore(Clip, pattern, "--chunk", "4", "--handles", "2"));
            Assert.True(code == 0, $"the reference run failed ({code}): {error}");
            return pattern;
        });
    }

    public string Clip { get; }

    public string Sequence { get; }

    public string GraphCache { get; }

    /// <summary>The whole clip restored with --chunk 4 --handles 2 into float EXR files (pattern r_%04d.exr).</summary>
    public string Reference => _reference.Value;

    /// <summary>
    /// A restore command line on the golden tiny model with the test schedule: 2 inversion and 3 sampling steps,
    /// processing at 64 pixels, CPU with one thread (bit-identical runs), the shared graph cache.
    /// </summary>
    public string[] Restore(string input, string output, params string[] extra) =>
    [
        "restore", input, "-o", output, "--task", "denoise", "--model", Tdm.Tests.Golden.Path("models"),
        "--inversion-steps", "2", "--steps", "3", "--short-side", "64", "--device", "cpu", "--threads", "1",
        "--cache-dir", GraphCache, "--progress", "none", .. extra,
    ];

    public string Path(string name) => _folder[name];

    public void Dispose() => _folder.Dispose();
}
