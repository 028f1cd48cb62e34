namespace Tdm.OfxPlugin.Restoration;

/// <summary>Execution device choice, the order of the "Device" parameter's options.</summary>
internal enum DeviceChoice
{
    Auto,
    Cuda,
    Cpu,
}

/// <summary>Restoration task, the order of the "Task" parameter's options.</summary>
internal enum TaskChoice
{
    Denoise,
    Dehaze,
    Derain,
    Mp4Artifacts,
    SuperResolution,
    Custom,
}

/// <summary>Temporal consistency mode, the order of the "Temporal mode" parameter's options.</summary>
internal enum TemporalChoice
{
    SwCfa,
    FirstFrame,
    Off,
}

/// <summary>Colour correction after decoding, the order of the "Colour fix" parameter's options.</summary>
internal enum ColourFixChoice
{
    None,
    Wavelet,
    AdaIn,
}

/// <summary>
/// Everything one render asks of the engine, read from the instance's parameters (see EffectParams for ranges and
/// defaults). <see cref="ShortSide"/> is already multiplied by the render scale.
/// </summary>
internal sealed record RestoreRequest
{
    public required string ModelFolder { get; init; }
    public string? ControlNetPath { get; init; }
    public DeviceChoice Device { get; init; }
    public TaskChoice Task { get; init; }
    public string? Prompt { get; init; }
    public TemporalChoice Temporal { get; init; }
    public int Radius { get; init; }
    public int ChunkLength { get; init; }
    public int Handles { get; init; }
    public int InversionSteps { get; init; }
    public int SamplingSteps { get; init; }
    public float Guidance { get; init; }
    public float ControlNetScale { get; init; }
    public int ShortSide { get; init; }
    public ColourFixChoice ColourFix { get; init; }

    /// <summary>Output scale (1, 2 or 4); 1 unless the task is super-resolution and the host honours a larger RoD.</summary>
    public int Scale { get; init; } = 1;
}
