using System.Text.Json;

namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>GetFramesNeeded answers with the chunk's context, and the plugin fetches only those frames.</summary>
public class FramesNeededTests(HostScenario scenario) : IClassFixture<HostScenario>
{
    /// <summary>Context of each chunk for 24 frames, chunk length 8, 2 handles (clamped at the clip's ends).</summary>
    private static readonly (int First, int Last)[] s_context = [(0, 9), (6, 17), (14, 23)];

    [Fact]
    public void FramesNeeded_EveryFrame_IsItsChunksContextRange()
    {
        var run = OfxHostRunner.Run(scenario.Folder, [],
            ["--input", scenario.PpmPattern, "--frames", "0:23", "--times", "0,5,7,8,12,15,16,23,30,-4",
             .. HostScenario.FastParams(), "--param", "modelFolder=/nonexistent/tdm-model"]);
        var answers = run.Actions("OfxImageEffectActionGetFramesNeeded").ToList();
        Assert.True(answers.Count >= 10, $"expected a GetFramesNeeded per render time\n{run.Describe()}");
        foreach (var a in answers)
        {
            var time = a.GetProperty("time").GetDouble();
            var index = Math.Clamp((int)Math.Floor(time + 0.5), 0, TestClip.Length - 1);
            var (first, last) = s_context[index / HostScenario.ChunkLength];
            var range = a.GetProperty("out").GetProperty("OfxImageClipPropFrameRange_Source").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.True(range.SequenceEqual([first, last]), $"time {time}: got [{string.Join(", ", range)}], expected [{first}, {last}]");
        }
    }

    [Fact]
    public void Render_SourceFetches_StayInsideFramesNeeded()
    {
        var run = OfxHostRunner.Run(scenario.Folder, [],
            ["--input", scenario.PpmPattern, "--frames", "0:23", "--times", "9",
             .. HostScenario.FastParams(), "--output", scenario.Output("fetch", "pfm")]);
        var fetches = run.Of("clip_get_image").Where(e => e.GetProperty("clip").GetString() == "Source").ToList();
        Assert.NotEmpty(fetches);
        Assert.All(fetches, f => Assert.True(f.GetProperty("in_frames_needed").GetBoolean(), f.GetRawText()));
        var times = fetches.Select(f => f.GetProperty("time").GetDouble()).Distinct().Order().ToArray();
        Assert.Equal(Enumerable.Range(6, 12).Select(t => (double)t), times);
    }
}
