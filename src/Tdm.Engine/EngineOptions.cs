namespace Tdm.Engine;

/// <summary>How the engine runs, chosen once per process (the command line's flags, the plugin's device parameter).</summary>
public sealed record EngineOptions
{
    /// <summary>Where the networks run.</summary>
    public DeviceKind Device { get; init; } = DeviceKind.Auto;

    /// <summary>The CUDA device ordinal.</summary>
    public int DeviceIndex { get; init; }

    /// <summary>Built graphs and converted weights; default $TDM_CACHE_DIR, else $XDG_CACHE_HOME/tdm or ~/.cache/tdm.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>CPU threads per network (0: one per core). Fixed counts make CPU renders reproducible bit for bit.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Memory for restored chunks kept for reuse (scrubbing back, serving every frame of a chunk).</summary>
    public long ResultCacheBytes { get; init; } = 2L << 30;

    /// <summary>A folder holding the CUDA 13 and cuDNN 9 libraries, when they are not on the library path.</summary>
    public string? CudaLibraryPath { get; init; }

    /// <summary>Run guidance's unconditional and conditional halves one after the other from the start, halving the
    /// networks' batch (the engine also does this by itself when the device runs out of memory).</summary>
    public bool SplitGuidanceBatch { get; init; }

    /// <summary>Latent tiles evaluated together in one batch of the networks (tiles x frames x guidance halves). Null:
    /// every tile of a step on CUDA, shrunk by halves when the device runs out of memory; one on the CPU, where a
    /// larger batch is no faster.</summary>
    public int? TileBatch { get; init; }

    /// <summary>Checks only ('tdm bench devices --candidate cpu-fp16'): on the CPU, build the float16 graphs that CUDA
    /// runs instead of float32. Slow; it measures half precision against the reference on machines without a GPU.</summary>
    public bool HalfPrecisionOnCpu { get; init; }

    /// <summary>Tests only: the CPU sessions take their memory from ONNX Runtime's environment allocator (one per
    /// process, registered by whoever sets this), so a test can cap the networks' memory and make them run out of
    /// it for real.</summary>
    internal bool UseEnvironmentAllocator { get; init; }

    /// <summary>The prompt of each task (Task Prompt Guidance); a studio may reword them, e.g. the MP4 one.</summary>
    public Text.TaskPrompts TaskPrompts { get; init; } = Text.TaskPrompts.Default;

    /// <summary>The cache folder actually used.</summary>
    public string ResolvedCacheDirectory => CacheDirectory
        ?? Environment.GetEnvironmentVariable("TDM_CACHE_DIR")
        ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "tdm");
}
