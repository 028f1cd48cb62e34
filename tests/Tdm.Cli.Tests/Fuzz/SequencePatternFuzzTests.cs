using CsCheck;
using Tdm.Cli.Media;
using Tdm.Engine;
using Tdm.Tests.Fuzz;

namespace Tdm.Cli.Tests.Fuzz;

/// <summary>
/// Fuzzes the frame-pattern parser (printf-style "%04d" names of image sequences). For any path: IsPattern never
/// throws and agrees with Parse, which refuses with a bad-argument <see cref="TdmException"/> only; a pattern's
/// frame names carry the number where the directive was and read back as that number, as FindNumbers reads them.
/// Inputs are the seeds edited with printf's pieces, plus paths drawn from the same pieces.
/// </summary>
[Trait("Category", "Fuzz")]
public class SequencePatternFuzzTests
{
    private static readonly string[] s_pieces =
    [
        "%", "%%", "%d", "%0", "%04d", "%00d", "%012d", "%013d", "%99999999999d", "%-4d", "%4d", "%ld", "%s", "d", "0", "9",
        "frame_", "_", ".", "..", "/", "./", "a/b/", ".png", ".exr", ".tif", " ", "\0", "\u00e9", "\ud800", "\U0001F600", "\\", "*", "?",
    ];

    private static readonly string[] s_seeds =
    [
        "frames/frame_%04d.png", "f%d.exr", "100%%_%03d.tif", "a_%d_%d.png", "dir_%04d/clip.mp4", "scan/%012d.dpx", "%d", "clip.mp4",
        "/abs/path/x_%05d.exr", "50%off_%02d.png", "%%d.png",
    ];

    private static readonly Gen<string> s_paths = Gen.OneOf(
        Gen.Select(Gen.Int[0, s_seeds.Length - 1], Gen.Select(Gen.Int[0, 40], Gen.Int[0, s_pieces.Length - 1]).Array[0, 4],
            (seed, edits) => edits.Aggregate(s_seeds[seed], (path, e) => path.Insert(Math.Min(path.Length, e.Item1), s_pieces[e.Item2]))),
        Gen.Int[0, s_pieces.Length - 1].Array[0, 8].Select(parts => string.Concat(parts.Select(i => s_pieces[i]))));

    private static readonly int[] s_numbers = [0, 1, 7, 42, 999, 1000, 12345, 99999999, int.MaxValue];

    [Fact]
    public void Parse_AnyPath_PatternWhoseNamesReadBackOrABadArgument() =>
        FuzzRun.Sample(s_paths, path =>
        {
            bool isPattern = SequencePattern.IsPattern(path);
            SequencePattern pattern;
            try
            {
                pattern = SequencePattern.Parse(path);
            }
            catch (TdmException e)
            {
                Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
                Assert.False(isPattern, $"IsPattern said yes to '{path}', Parse refused it: {e.Message}");
                return;
            }
            Assert.True(isPattern);
            Assert.Equal(path, pattern.Path);
            foreach (int n in s_numbers)
            {
                string file = pattern.FileNameOf(n);
                Assert.Equal(Path.Combine(pattern.Directory, file), pattern.PathOf(n));
                Assert.DoesNotContain('/', file);
                // What a render writes is what a resumed render (FindNumbers) finds again.
                Assert.True(pattern.TryNumberOf(file, out int back) && back == n, $"'{file}' (from '{path}') reads back as {back}, not {n}");
            }
        }, defaultIterations: 20000, print: p => $"\"{p.Replace("\0", "\\0", StringComparison.Ordinal)}\"");
}
