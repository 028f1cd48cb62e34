// Stand-ins for the engine facade the lead is writing in main (names as announced). They exist only so the command
// layer compiles and its parsing, progress and resume logic can be tested before the facade lands. When it lands
// (git merge main) this file is deleted: the real public types take these names, and the compiler's CS0436
// warning (an error here) makes sure nothing keeps using a stand-in.
using Tdm.Engine.Imaging;

namespace Tdm.Engine
{
    internal enum RestorationTask { Denoise, Dehaze, Derain, Mp4Artifacts, SuperResolution, Custom }

    internal enum ColourFix { None, Wavelet, AdaIn }

    internal sealed record RestoreSettings
    {
        public RestorationTask Task { get; init; }
        public string? Prompt { get; init; }
        public string NegativePrompt { get; init; } = "";
        public int InversionSteps { get; init; } = 10;
        public int SamplingSteps { get; init; } = 32;
        public float Guidance { get; init; } = 7.5f;
        public float ControlNetScale { get; init; } = 1f;
        public TemporalMode Temporal { get; init; } = TemporalMode.SwCfa;
        public int Radius { get; init; } = 3;
        public bool MixInControlNet { get; init; }
        public int ChunkLength { get; init; } = 16;
        public int? Handles { get; init; }
        public int ShortSide { get; init; } = 512;
        public int Scale { get; init; } = 1;
        public ColourFix ColourFix { get; init; } = ColourFix.None;
    }

    internal sealed record ModelPaths(string Model, string? ControlNet = null, string? Tokenizer = null);

    internal sealed record EngineOptions
    {
        public DeviceKind Device { get; init; } = DeviceKind.Auto;
        public int DeviceIndex { get; init; }
        public string? CacheDirectory { get; init; }
        public int IntraOpThreads { get; init; }
        public long ResultCacheBytes { get; init; }
    }
}

namespace Tdm.Engine.Video
{
    internal interface IClip
    {
        int Length { get; }

        Frame ReadFrame(int index);
    }

    internal readonly record struct RestoreProgress(int StepsDone, int StepsTotal, string Stage);
}
