using Tdm.Engine.Imaging;

namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>
/// Renders through the published plugin inside the native host equal the engine facade's own output, bit for bit in
/// float and exactly quantised in byte and short, whatever the components and row order.
/// </summary>
public class RenderTests(HostScenario scenario) : IClassFixture<HostScenario>
{
    private const int Seed = TestClip.DefaultSeed;

    [Fact]
    public void Render_FloatRgba_EqualsEngineBitForBit()
    {
        var output = scenario.Output("float", "pfm");
        var run = OfxHostRunner.Run(scenario.Folder, [],
            ["--input", scenario.PfmPattern, "--frames", "0:23", "--times", "3,12,13", "--depth", "float", .. HostScenario.FastParams(), "--output", output]);
        Assert.True(run.ExitCode == 0, run.Describe());
        foreach (var t in new[] { 3, 12, 13 })
            FrameAssert.EqualExactly(EngineReference.Restore(scenario.Clip, Seed, t), NetpbmFiles.Read(HostScenario.FrameFile(output, t)), channels: 3, $"float frame {t}");
    }

    [Theory]
    [InlineData("byte", "RGBA", false, "pam", 255)]
    [InlineData("byte", "RGB", true, "ppm", 255)]
    [InlineData("short", "RGBA", true, "pam", 65535)]
    [InlineData("short", "RGB", false, "ppm", 65535)]
    [InlineData("float", "RGB", true, "pfm", 0)]
    public void Render_DepthComponentsRowOrder_EqualsEngineQuantised(string depth, string components, bool negativeRowBytes, string ext, int maxval)
    {
        const int frame = 2;
        var output = scenario.Output($"fmt-{depth}-{components}-{negativeRowBytes}", ext);
        string[] rowOrder = negativeRowBytes ? ["--negative-rowbytes"] : ["--row-padding", "12"];
        var run = OfxHostRunner.Run(scenario.Folder, [],
            ["--input", scenario.PpmPattern, "--frames", "0:23", "--times", $"{frame}", "--depth", depth, "--components", components,
             .. rowOrder, .. HostScenario.FastParams(), "--output", output]);
        Assert.True(run.ExitCode == 0, run.Describe());
        var expected = EngineReference.Restore(scenario.Clip, Seed, frame);
        if (maxval > 0)
            expected = Quantise(expected, maxval);
        var channels = ext == "pam" && components == "RGBA" ? 4 : 3;
        FrameAssert.EqualExactly(expected, NetpbmFiles.Read(HostScenario.FrameFile(output, frame)), channels, $"{depth} {components} negative={negativeRowBytes}");
    }

    [Fact]
    public void Render_AbortedMidChunk_ReturnsPromptlyAndNextRenderIsCorrect()
    {
        var output = scenario.Output("abort", "pfm");
        var run = OfxHostRunner.Run(scenario.Folder, [],
            ["--input", scenario.PfmPattern, "--frames", "0:23", "--times", "4,5", "--abort-at", "4", "--abort-after-progress", "2",
             .. HostScenario.FastParams(), "--output", output]);
        var renders = run.Actions("OfxImageEffectActionRender").ToList();
        Assert.True(renders.Count == 2, run.Describe());
        Assert.NotEqual(0, renders[0].GetProperty("status").GetInt32());
        // Promptly: the cancellation is seen at the next step, so at most one progress update follows the abort.
        var aborted = run.Of("abort_triggered").First().GetProperty("seq").GetInt32();
        var firstRenderEnd = renders[0].GetProperty("seq").GetInt32();
        var updatesAfterAbort = run.Of("progress").Count(p => p.GetProperty("op").GetString() == "update"
            && p.GetProperty("seq").GetInt32() > aborted && p.GetProperty("seq").GetInt32() < firstRenderEnd);
        Assert.True(updatesAfterAbort <= 1, $"{updatesAfterAbort} progress updates after the abort\n{run.Describe()}");
        Assert.Equal(0, renders[1].GetProperty("status").GetInt32());
        FrameAssert.EqualExactly(EngineReference.Restore(scenario.Clip, Seed, 5), NetpbmFiles.Read(HostScenario.FrameFile(output, 5)), 3, "frame 5 after an abort");
    }

    [Fact]
    public void Render_TwoInstancesAtOnce_EqualOneAtATime()
    {
        var second = new TestClip(seed: 8);
        var inputs = Path.Combine(scenario.Folder, "pair");
        scenario.Clip.Write(Path.Combine(inputs, "in-0"), "pfm");
        second.Write(Path.Combine(inputs, "in-1"), "pfm");
        var output = Path.Combine(inputs, "out-{i}", "%04d.pfm");
        Directory.CreateDirectory(Path.Combine(inputs, "out-0"));
        Directory.CreateDirectory(Path.Combine(inputs, "out-1"));
        var run = OfxHostRunner.Run(scenario.Folder, ["--instances", "2"],
            ["--input", Path.Combine(inputs, "in-{i}", "frame_%04d.pfm"), "--frames", "0:23", "--times", "10",
             .. HostScenario.FastParams(), "--output", output]);
        Assert.True(run.ExitCode == 0, run.Describe());
        FrameAssert.EqualExactly(EngineReference.Restore(scenario.Clip, Seed, 10), NetpbmFiles.Read(Path.Combine(inputs, "out-0", "0010.pfm")), 3, "instance 0");
        FrameAssert.EqualExactly(EngineReference.Restore(second, 8, 10), NetpbmFiles.Read(Path.Combine(inputs, "out-1", "0010.pfm")), 3, "instance 1");
    }

    /// <summary>What the plugin writes into an integer image: round(clamp(v) * maxval), read back as / maxval.</summary>
    private static Frame Quantise(Frame f, int maxval)
    {
        var q = f.Clone();
        for (var i = 0; i < q.Pixels.Length; i++)
            q.Pixels[i] = MathF.Round(Math.Clamp(q.Pixels[i], 0f, 1f) * maxval) / maxval;
        return q;
    }
}
