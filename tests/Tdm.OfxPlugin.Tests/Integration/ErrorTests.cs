namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>Errors reach the user as a message and a failed status; the host goes on.</summary>
public class ErrorTests(HostScenario scenario) : IClassFixture<HostScenario>
{
    private const int kOfxStatFailed = 1;

    [Fact]
    public void Render_NoModelFolder_FailsWithMessageAndHostGoesOn()
    {
        var run = OfxHostRunner.Run(scenario.Folder, [],
            ["--input", scenario.PpmPattern, "--frames", "0:23", "--render", "0:2", "--output", scenario.Output("nomodel", "pfm")]);
        var renders = run.Actions("OfxImageEffectActionRender").ToList();
        Assert.True(renders.Count == 3, $"the host should try every frame\n{run.Describe()}");
        Assert.All(renders, r => Assert.Equal(kOfxStatFailed, r.GetProperty("status").GetInt32()));
        var messages = run.Of("message").Where(m => m.GetProperty("kind").GetString() != "clear_persistent").ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, m =>
        {
            Assert.Equal("OfxMessageError", m.GetProperty("type").GetString());
            Assert.Contains("Model folder", m.GetProperty("text").GetString());
        });
        var destroy = run.Actions("OfxActionDestroyInstance").Single();
        Assert.Equal(0, destroy.GetProperty("status").GetInt32());
        Assert.Equal(0, run.Actions("OfxActionUnload").Single().GetProperty("status").GetInt32());
        Assert.Equal(1, run.ExitCode); // a failed action, not a crash
    }

    [Fact]
    public void Render_ModelFolderMissingOnDisk_NamesTheFolder()
    {
        var run = OfxHostRunner.Run(scenario.Folder, [],
            ["--input", scenario.PpmPattern, "--frames", "0:23", "--render", "4:4", .. HostScenario.FastParams("/nonexistent/tdm-model"),
             "--output", scenario.Output("badmodel", "pfm")]);
        Assert.Equal(kOfxStatFailed, run.Actions("OfxImageEffectActionRender").Single().GetProperty("status").GetInt32());
        Assert.Contains(run.Of("message"), m => m.TryGetProperty("text", out var t) && t.GetString()!.Contains("/nonexistent/tdm-model", StringComparison.Ordinal));
        Assert.Equal(1, run.ExitCode);
    }
}
