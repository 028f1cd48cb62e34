using System.Globalization;
using Tdm.Cli.Media;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Bench;

/// <summary>
/// Memory figures for benchmarks: the process's peak resident memory (Linux VmHWM; on the CPU this is the
/// networks' working memory) and, on CUDA, the GPU memory this process holds as nvidia-smi reports it (ONNX
/// Runtime's arena keeps what it reached, so after a run it is the peak).
/// </summary>
internal static class PeakMemory
{
    /// <summary>Peak resident memory of this process in bytes; null where /proc is not available.</summary>
    public static long? ProcessPeakBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                    && long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
                    return kib * 1024;
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>GPU memory held by this process in bytes per nvidia-smi; null when nvidia-smi is absent or silent.</summary>
    public static long? GpuBytes(FfmpegTools tools)
    {
        try
        {
            var (code, output, _) = tools.Run("nvidia-smi", ["--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits"], TdmErrorKind.Device);
            if (code != 0)
                return null;
            long? total = null;
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(',', StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0] == Environment.ProcessId.ToString(CultureInfo.InvariantCulture)
                    && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mib))
                    total = (total ?? 0) + (mib * 1024 * 1024);
            }
            return total;
        }
        catch (TdmException)
        {
            return null;
        }
    }
}
