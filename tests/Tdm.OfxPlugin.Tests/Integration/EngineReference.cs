using System.Collections.Concurrent;
using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>
/// The engine facade's own output for the scenarios' clips and settings (CPU, the fast schedule of
/// <see cref="HostScenario.FastParams"/>), computed in the test process once per clip and frame.
/// </summary>
public static class EngineReference
{
    private static readonly Lazy<TdmEngine> s_engine = new(() => new TdmEngine(new EngineOptions { Device = DeviceKind.Cpu, CacheDirectory = OfxHostRunner.CacheFolder }));
    private static readonly ConcurrentDictionary<(int Seed, int Frame), Frame> s_frames = new();

    /// <summary>The settings the host scenarios set through parameters.</summary>
    public static RestoreSettings Settings => new()
    {
        Task = RestorationTask.Denoise,
        ChunkLength = HostScenario.ChunkLength,
        Handles = HostScenario.Handles,
        Radius = 1,
        InversionSteps = 2,
        SamplingSteps = 3,
        ShortSide = 64,
    };

    /// <summary>Frame <paramref name="frame"/> of the clip made with <paramref name="seed"/>, restored by the facade.</summary>
    public static Frame Restore(TestClip clip, int seed, int frame) =>
        s_frames.GetOrAdd((seed, frame), _ =>
        {
            var model = HostScenario.ModelFolder;
            Frame? restored = null;
            s_engine.Value.Restore(new ModelPaths(model, Path.Combine(model, "controlnet")), new ArrayClip(clip.Frames), frame, frame, Settings,
                (_, f) => restored = f);
            return restored!;
        });

    /// <summary>Frames in memory as a clip.</summary>
    internal sealed class ArrayClip(Frame[] frames) : IClip
    {
        public int Length => frames.Length;

        public Frame ReadFrame(int index) => frames[index];
    }
}
