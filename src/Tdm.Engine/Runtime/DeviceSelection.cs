using Microsoft.ML.OnnxRuntime;

namespace Tdm.Engine.Runtime;

/// <summary>Turns the user's device choice into an execution device, explaining any fallback.</summary>
internal static class DeviceSelection
{
    /// <summary>
    /// Auto: CUDA when the driver, the CUDA libraries and ONNX Runtime's CUDA provider all load, else the CPU with a
    /// note saying why. Cuda: CUDA or a <see cref="TdmException"/> of kind Device saying what is missing.
    /// </summary>
    public static (ExecutionDevice Device, string? Note) Resolve(DeviceKind kind, int index, int cpuThreads, string? cudaFolder)
    {
        if (kind == DeviceKind.Cpu)
            return (ExecutionDevice.Cpu(cpuThreads), null);
        string? problem = CudaProblem(index, cudaFolder);
        if (problem is null)
            return (new ExecutionDevice(true, index, Math.Max(1, cpuThreads), $"CUDA device {index}"), null);
        if (kind == DeviceKind.Cuda)
            throw new TdmException(TdmErrorKind.Device, $"CUDA was requested but is unavailable: {problem}");
        return (ExecutionDevice.Cpu(cpuThreads), $"running on the CPU: {problem}");
    }

    private static string? CudaProblem(int index, string? cudaFolder)
    {
        if (index < 0)
            return $"device index {index} is negative";
        if (CudaLibraries.TryLoad(cudaFolder) is { } missing)
            return missing;
        try
        {
            using var cuda = new OrtCUDAProviderOptions();
            cuda.UpdateOptions(new Dictionary<string, string> { ["device_id"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            using var options = SessionOptions.MakeSessionOptionWithCudaProvider(cuda);
            return null;
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            return $"ONNX Runtime's CUDA provider did not load ({e.Message}); libonnxruntime_providers_cuda.so must sit beside libonnxruntime.so";
        }
    }
}
