namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>
/// A temporary folder holding the generated clip (8-bit PPM and float PFM) and the host's outputs, plus the
/// parameters every scenario shares: the tiny golden model and a schedule short enough for CI.
/// </summary>
public sealed class HostScenario : IDisposable
{
    public HostScenario()
    {
        Folder = Directory.CreateTempSubdirectory("tdm-ofx-").FullName;
        Clip = new TestClip();
        PpmPattern = Clip.Write(Path.Combine(Folder, "in-ppm"), "ppm");
        PfmPattern = Clip.Write(Path.Combine(Folder, "in-pfm"), "pfm");
    }

    public string Folder { get; }
    public TestClip Clip { get; }
    public string PpmPattern { get; }
    public string PfmPattern { get; }

    /// <summary>The golden tiny model; its controlnet/ subfolder is the ControlNet.</summary>
    public static string ModelFolder => Tdm.Tests.Golden.Path("models");

    /// <summary>Chunks of 8 with 2 handles: 24 frames make chunks [0,7], [8,15], [16,23] read from [0,9], [6,17], [14,23].</summary>
    public const int ChunkLength = 8;
    public const int Handles = 2;

    /// <summary>Parameters of a small, fast restoration with the golden model.</summary>
    public static IEnumerable<string> FastParams(string? model = null) =>
    [
        "--param", $"modelFolder={model ?? ModelFolder}",
        "--param", $"controlNet={Path.Combine(model ?? ModelFolder, "controlnet")}",
        "--param", "device=CPU",
        "--param", $"chunkLength={ChunkLength}",
        "--param", $"handles={Handles}",
        "--param", "windowRadius=1",
        "--param", "inversionSteps=2",
        "--param", "samplingSteps=3",
        "--param", "shortSide=64",
    ];

    /// <summary>A fresh output folder; returns its frame pattern with the given extension.</summary>
    public string Output(string name, string ext)
    {
        var dir = Path.Combine(Folder, name);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $"%04d.{ext}");
    }

    /// <summary>The file of frame <paramref name="frame"/> of a %04d <paramref name="pattern"/> such as <see cref="Output"/>'s.</summary>
    public static string FrameFile(string pattern, int frame) =>
        pattern.Replace("%04d", frame.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
