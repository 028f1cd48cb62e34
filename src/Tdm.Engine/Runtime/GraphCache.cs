using System.Security.Cryptography;
using System.Text;

namespace Tdm.Engine.Runtime;

/// <summary>
/// Built graphs on disk, keyed by everything that determines them: the network, its configuration, the identity
/// of its weight files (path, size, modification time), the compute type and the execution provider, and the
/// graph format version of this build. A second load of the same model reads the serialized graph instead of
/// rebuilding it and finds its converted weights already in place.
/// </summary>
internal sealed class GraphCache(string folder)
{
    /// <summary>Bumped whenever the graph code changes what it emits or what a build checks (2: weights scanned for
    /// NaN and infinities), so stale graphs are never reused.</summary>
    public const int FormatVersion = 2;

    public string Folder { get; } = folder;

    /// <summary>A cache key from the parts that determine a graph.</summary>
    public static string Key(string network, string configuration, IEnumerable<string> weightFiles, ExecutionDevice device)
    {
        var text = new StringBuilder().Append(FormatVersion).Append('|').Append(network).Append('|').Append(device.CacheKey)
            .Append('|').Append(device.ComputeType).Append('|').Append(configuration);
        foreach (var file in weightFiles)
            text.Append('|').Append(FileIdentity.Of(file));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..24].ToLowerInvariant();
    }

    /// <summary>The cached graph and its weights folder, or null when absent or unusable.</summary>
    public (byte[] Model, string WeightsFolder)? TryLoad(string network, string key)
    {
        var (model, folderFile) = Paths(network, key);
        try
        {
            if (!File.Exists(model) || !File.Exists(folderFile))
                return null;
            string weights = File.ReadAllText(folderFile).Trim();
            return Directory.Exists(weights) ? (File.ReadAllBytes(model), weights) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stores a built graph; a failure to write only costs the next load a rebuild.</summary>
    public void Store(string network, string key, byte[] model, string weightsFolder)
    {
        var (modelPath, folderFile) = Paths(network, key);
        try
        {
            Directory.CreateDirectory(Folder);
            WriteAtomically(folderFile, Encoding.UTF8.GetBytes(weightsFolder));
            WriteAtomically(modelPath, model);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a read-only cache folder must not stop a render.
        }
    }

    private (string Model, string WeightsFolder) Paths(string network, string key) =>
        (Path.Combine(Folder, $"{network}-{key}.onnx"), Path.Combine(Folder, $"{network}-{key}.weights-folder"));

    private static void WriteAtomically(string path, byte[] bytes)
    {
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
