using Tdm.Engine;
using Tdm.Engine.Imaging;

namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>
/// A 1920x1080 frame (the buffers Resolve hands an effect on an HD timeline) rendered through the published plugin
/// in the native host at its own resolution: 15 latent tiles of 512 pixels and the tiled VAE, equal to the engine
/// facade bit for bit. One step each way without guidance: the golden model at 512-pixel tiles is slow on the CPU.
/// </summary>
public class FullResolutionTests(HostScenario scenario) : IClassFixture<HostScenario>
{
    private const int Width = 1920, Height = 1080;

    private static readonly RestoreSettings Settings = new()
    {
        Task = RestorationTask.Denoise, ChunkLength = 1, Handles = 0, Radius = 1, InversionSteps = 1, SamplingSteps = 1, Guidance = 1f,
    };

    [Fact]
    public void Render_1920x1080_RestoresAtNativeResolutionInTilesAndEqualsEngine()
    {
        var clip = new TestClip(seed: 11, width: Width, height: Height, length: 1);
        var input = clip.Write(Path.Combine(scenario.Folder, "in-hd"), "pfm");
        var output = scenario.Output("hd", "pfm");
        var plan = TdmEngine.PlanOf(Width, Height, Settings);
        // 1080 rows are padded to 1088 (a multiple of 64) by reflection and cropped back: not resampled.
        Assert.Equal((Width, 1088, 15), (plan.Width, plan.Height, plan.Tiles.Count));

        var run = OfxHostRunner.Run(scenario.Folder, [],
            ["--input", input, "--frames", "0:0", "--times", "0", "--depth", "float", .. HostScenario.FastParams(),
             "--param", "shortSide=-1", "--param", "chunkLength=1", "--param", "handles=0", "--param", "inversionSteps=1",
             "--param", "samplingSteps=1", "--param", "guidance=1", "--output", output], TimeSpan.FromMinutes(10));
        Assert.True(run.ExitCode == 0, run.Describe());
        var rendered = NetpbmFiles.Read(HostScenario.FrameFile(output, 0));
        Assert.Equal((Width, Height), (rendered.Width, rendered.Height));

        using var engine = new TdmEngine(new EngineOptions { Device = DeviceKind.Cpu, CacheDirectory = OfxHostRunner.CacheFolder });
        Frame? expected = null;
        var model = HostScenario.ModelFolder;
        engine.Restore(new ModelPaths(model, Path.Combine(model, "controlnet")), new EngineReference.ArrayClip(clip.Frames), 0, 0, Settings, (_, f) => expected = f);
        FrameAssert.EqualExactly(expected!, rendered, channels: 3, "1920x1080 frame");
    }
}
