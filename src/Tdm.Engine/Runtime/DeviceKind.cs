namespace Tdm.Engine;

/// <summary>Where the networks run.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when a usable GPU and its libraries are present, else the CPU (with a message saying why).</summary>
    Auto,
    /// <summary>The CPU, in float32.</summary>
    Cpu,
    /// <summary>An NVIDIA GPU through CUDA, in float16; an error when unavailable.</summary>
    Cuda,
}
