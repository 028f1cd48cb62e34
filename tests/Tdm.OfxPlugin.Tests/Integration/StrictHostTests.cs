namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>
/// The plugin in a host as strict as openfx's HostSupport (ofxhost --strict): it refuses every property the spec lets
/// a host refuse or HostSupport does not define, and drops messages posted on descriptor handles. The plugin still
/// describes, renders the engine's pixels bit for bit and tells describe-time failures where the host shows them.
/// </summary>
public class StrictHostTests(HostScenario scenario) : IClassFixture<HostScenario>
{
    private const int kOfxStatFailed = 1;
    private const int kOfxStatErrUnknown = 3;

    /// <summary>What --strict refuses that the plugin sets: all cosmetic (native/README.md, Strict mode).</summary>
    private static readonly string[] s_optional = ["OfxPluginPropParamPageOrder", "OfxPropVersion", "OfxPropVersionLabel", "OfxPropPluginDescription"];

    [Fact]
    public void Describe_StrictHost_DeclaresEveryParameterDespiteRefusedOptionalProperties()
    {
        var run = OfxHostRunner.Run(scenario.Folder, ["--strict", "--list-params"], []);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.All(run.Actions("OfxActionDescribe").Concat(run.Actions("OfxImageEffectActionDescribeInContext")),
            a => Assert.Equal(0, a.GetProperty("status").GetInt32()));
        DescribeTests.AssertParamsAsDeclared(run); // labels, hints, ranges, choices and pages: none was refused
        var refused = run.Of("property_error").ToList();
        Assert.All(refused, e => Assert.Equal(kOfxStatErrUnknown, e.GetProperty("status").GetInt32()));
        Assert.Contains(refused, e => e.GetProperty("property").GetString() == "OfxPluginPropParamPageOrder");
        Assert.All(refused, e => Assert.Contains(e.GetProperty("property").GetString(), s_optional));
        Assert.Empty(run.Of("warning")); // the pages follow ofxParam.h
        Assert.Empty(run.Of("message"));
    }

    [Fact]
    public void Render_StrictHost_EqualsEngineBitForBit()
    {
        var output = scenario.Output("strict-float", "pfm");
        var run = OfxHostRunner.Run(scenario.Folder, ["--strict"],
            ["--input", scenario.PfmPattern, "--frames", "0:23", "--times", "3,12", "--depth", "float", .. HostScenario.FastParams(), "--output", output]);
        Assert.True(run.ExitCode == 0, run.Describe());
        foreach (var t in new[] { 3, 12 })
            FrameAssert.EqualExactly(EngineReference.Restore(scenario.Clip, TestClip.DefaultSeed, t), NetpbmFiles.Read(HostScenario.FrameFile(output, t)), 3, $"strict host, frame {t}");
    }

    [Fact]
    public void Render_AbortedBeforeTheModelLoads_ReturnsWithoutRestoringAndNextRenderIsCorrect()
    {
        // The host raises its abort flag from the start of the first Render, before the process has loaded the model.
        var output = scenario.Output("strict-abort", "pfm");
        var run = OfxHostRunner.Run(scenario.Folder, ["--strict"],
            ["--input", scenario.PfmPattern, "--frames", "0:23", "--times", "4,5", "--abort-at", "4", "--abort-after-progress", "0",
             .. HostScenario.FastParams(), "--output", output]);
        Assert.True(run.ExitCode == 0, run.Describe());
        var frames = run.Of("frame").ToList();
        Assert.Equal(["aborted", "rendered"], frames.Select(f => f.GetProperty("result").GetString()));
        Assert.Equal(kOfxStatFailed, frames[0].GetProperty("status").GetInt32());
        Assert.Equal(0, frames[0].GetProperty("progress_updates").GetInt32()); // no diffusion step began
        Assert.DoesNotContain(run.Of("message"), m => m.GetProperty("kind").GetString() != "clear_persistent"); // aborts are silent
        FrameAssert.EqualExactly(EngineReference.Restore(scenario.Clip, TestClip.DefaultSeed, 5), NetpbmFiles.Read(HostScenario.FrameFile(output, 5)), 3, "frame 5 after the abort");
    }

    [Fact]
    public void Describe_HostRefusesARequiredProperty_FailsAndTellsThePluginMessageAndStderr()
    {
        const string Required = "OfxImageEffectPropTemporalClipAccess";
        var run = OfxHostRunner.Run(scenario.Folder, ["--strict", "--refuse", Required, "--list-params"], []);
        Assert.True(run.ExitCode == 3, run.Describe()); // the plugin could not be described
        Assert.Equal(kOfxStatFailed, run.Actions("OfxActionDescribe").Single().GetProperty("status").GetInt32());
        var message = Assert.Single(run.Of("message"));
        Assert.Equal("none", message.GetProperty("target").GetString()); // about the plugin, not its descriptor
        Assert.True(message.GetProperty("shown").GetBoolean());
        Assert.Equal("OfxMessageError", message.GetProperty("type").GetString());
        Assert.Contains(Required, message.GetProperty("text").GetString());
        // The plugin's own line (the host prefixes the lines it echoes with "ofxhost:").
        Assert.Contains(run.Process.StdErr.Split('\n'), l => l.StartsWith("TDM Restore cannot run in this host", StringComparison.Ordinal) && l.Contains(Required, StringComparison.Ordinal));
        Assert.Equal(0, run.Actions("OfxActionUnload").Single().GetProperty("status").GetInt32());
    }
}
