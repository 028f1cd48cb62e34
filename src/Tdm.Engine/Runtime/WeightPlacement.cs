using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;

namespace Tdm.Engine.Runtime;

/// <summary>
/// Decides where ONNX Runtime reads a graph's weights. When the checkpoint already stores every weight in the
/// graph's compute type, the graph points straight into the .safetensors file (no copy). Otherwise (float32 weights
/// for a float16 GPU graph, float16/bfloat16 weights on the CPU) the weights are converted once into a blob in the
/// cache folder, keyed by the checkpoint's identity and the compute type, and reused on later loads.
/// </summary>
internal static class WeightPlacement
{
    /// <summary>Bytes between tensors in a converted blob: keeps every tensor aligned for vector loads.</summary>
    private const int Alignment = 64;

    /// <summary>The folder ONNX Runtime resolves locations against, and each weight's location.</summary>
    public sealed record Plan(string Folder, Func<GraphWeight, ExternalLocation> Locate);

    public static Plan For(GraphBuilder graph, string cacheFolder)
    {
        var files = graph.Weights.Select(w => w.File!).Distinct().ToList();
        var storage = graph.ComputeType == TensorType.Float16 ? SafetensorsDType.F16 : SafetensorsDType.F32;
        if (files.Count == 1 && graph.Weights.All(w => w.Tensor!.DType == storage))
            return Direct(files[0]);
        return Converted(graph, storage, cacheFolder);
    }

    private static Plan Direct(SafetensorsFile file)
    {
        // ONNX Runtime refuses locations that leave the folder through a symbolic link: resolve links first.
        var real = File.ResolveLinkTarget(file.Path, returnFinalTarget: true)?.FullName ?? file.Path;
        string folder = Path.GetDirectoryName(real)!;
        string name = Path.GetFileName(real);
        return new Plan(folder, w => new ExternalLocation(name, w.Tensor!.FileOffset, w.Tensor.ByteLength));
    }

    private static Plan Converted(GraphBuilder graph, SafetensorsDType storage, string cacheFolder)
    {
        try
        {
            Directory.CreateDirectory(cacheFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TdmException(TdmErrorKind.Output, $"cannot create the converted-weights folder {cacheFolder}: {e.Message}. Choose a writable cache folder (--cache-dir).", e);
        }
        var offsets = new Dictionary<string, (long Offset, long Length)>(StringComparer.Ordinal);
        long cursor = 0;
        foreach (var w in graph.Weights)
        {
            long length = w.ElementCount * storage.Size();
            offsets[w.Key] = (cursor, length);
            cursor = Align(cursor + length);
        }
        string name = $"{graph.Name}-{Identity(graph, storage)}.weights";
        string path = Path.Combine(cacheFolder, name);
        if (!File.Exists(path) || new FileInfo(path).Length != cursor)
            Write(graph, storage, offsets, cursor, path);
        return new Plan(cacheFolder, w => new ExternalLocation(name, offsets[w.Key].Offset, offsets[w.Key].Length));
    }

    // Written to a temporary name and renamed, so a crash or a concurrent load never sees half a blob.
    private static void Write(GraphBuilder graph, SafetensorsDType storage, Dictionary<string, (long Offset, long Length)> offsets, long total, string path)
    {
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                stream.SetLength(total);
                foreach (var w in graph.Weights)
                {
                    stream.Position = offsets[w.Key].Offset;
                    stream.Write(Convert(w, storage));
                }
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new TdmException(TdmErrorKind.Output, $"cannot write converted weights to {path}: {e.Message}. Choose a writable cache folder (--cache-dir).", e);
        }
    }

    private static byte[] Convert(GraphWeight w, SafetensorsDType storage)
    {
        var t = w.Tensor!;
        var source = w.File!.GetBytes(t);
        if (storage == SafetensorsDType.F32)
        {
            var singles = new float[t.ElementCount];
            WeightConversion.ToSingle(t.DType, source, singles, w.File.Path, t.Name);
            return MemoryMarshal.AsBytes(singles.AsSpan()).ToArray();
        }
        var halves = new Half[t.ElementCount];
        WeightConversion.ToHalf(t.DType, source, halves, w.File.Path, t.Name);
        return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }

    // The checkpoint files (path, size, time) and the exact weight list: any change gives a new blob.
    private static string Identity(GraphBuilder graph, SafetensorsDType storage)
    {
        var text = new StringBuilder().Append(storage).Append('\n');
        foreach (var file in graph.Weights.Select(w => w.File!).Distinct())
            text.Append(FileIdentity.Of(file.Path)).Append('\n');
        foreach (var w in graph.Weights)
            text.Append(w.Key).Append('|').Append(w.Tensor!.Name).Append('|').Append(string.Join(",", w.Shape)).Append('\n');
        return System.Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16].ToLowerInvariant();
    }

    private static long Align(long n) => (n + Alignment - 1) / Alignment * Alignment;
}
