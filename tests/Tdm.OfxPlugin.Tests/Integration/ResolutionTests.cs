namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>Render scale (proxies, scrubbing) and the super-resolution output scale through the region of definition.</summary>
public class ResolutionTests(HostScenario scenario) : IClassFixture<HostScenario>
{
    [Fact]
    public void Render_HalfRenderScale_RestoresAtTheScaledSize()
    {
        var output = scenario.Output("half", "pfm");
        var run = OfxHostRunner.Run(scenario.Folder, [],
            ["--input", scenario.PfmPattern, "--frames", "0:23", "--times", "1", "--render-scale", "0.5", .. HostScenario.FastParams(), "--output", output]);
        Assert.True(run.ExitCode == 0, run.Describe());
        var frame = NetpbmFiles.Read(Path.Combine(Path.GetDirectoryName(output)!, "0001.pfm"));
        Assert.Equal((TestClip.Width / 2, TestClip.Height / 2), (frame.Width, frame.Height));
    }

    [Fact]
    public void Render_SuperResolution2x_OutputRegionAndImageAreTwiceTheSource()
    {
        var output = scenario.Output("sr2", "pfm");
        var run = OfxHostRunner.Run(scenario.Folder, [],
            ["--input", scenario.PfmPattern, "--frames", "0:23", "--times", "1", .. HostScenario.FastParams(),
             "--param", "task=Super-resolution", "--param", "outputScale=2x", "--output", output]);
        Assert.True(run.ExitCode == 0, run.Describe());
        var rod = run.Actions("OfxImageEffectActionGetRegionOfDefinition").First()
            .GetProperty("out").GetProperty("OfxImageEffectPropRegionOfDefinition").EnumerateArray().Select(v => v.GetDouble());
        Assert.Equal([0.0, 0.0, 2.0 * TestClip.Width, 2.0 * TestClip.Height], rod);
        var frame = NetpbmFiles.Read(Path.Combine(Path.GetDirectoryName(output)!, "0001.pfm"));
        Assert.Equal((2 * TestClip.Width, 2 * TestClip.Height), (frame.Width, frame.Height));
    }
}
