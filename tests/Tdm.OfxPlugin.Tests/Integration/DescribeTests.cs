using System.Text.Json;
using Tdm.OfxPlugin.Host;

namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>The host's record of the description: every parameter and clip as EffectParams and EffectDescriptor declare them.</summary>
public class DescribeTests
{
    private static readonly Lazy<OfxHostRun> s_run = new(() =>
        OfxHostRunner.Run(Path.Combine(Path.GetTempPath(), "tdm-ofx-describe"), ["--list-params"], []));

    [Fact]
    public void Params_AsDescribedToHost_MatchTheDeclarations() => AssertParamsAsDeclared(s_run.Value);

    /// <summary>The host's record of every parameter in <paramref name="run"/> is what EffectParams declares.</summary>
    internal static void AssertParamsAsDeclared(OfxHostRun run)
    {
        Assert.True(run.ExitCode == 0, run.Describe());
        var described = run.Of("param_define").ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Equal(EffectParams.All.Select(p => p.Name).Order(), described.Keys.Order());
        foreach (var d in EffectParams.All)
        {
            var e = described[d.Name];
            Assert.Equal(d.Label, e.GetProperty("label").GetString());
            if (d.Kind == ParamKind.Page)
            {
                Assert.Equal(d.Children, e.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
                continue;
            }
            Assert.Equal(d.Hint, e.GetProperty("hint").GetString());
            Assert.Equal(d.Parent ?? "", e.GetProperty("parent").GetString());
            switch (d.Kind)
            {
                case ParamKind.Integer or ParamKind.Double:
                    Assert.Equal(d.Default, e.GetProperty("default").GetDouble());
                    Assert.Equal(d.Min, e.GetProperty("min").GetDouble());
                    Assert.Equal(d.Max, e.GetProperty("max").GetDouble());
                    Assert.Equal(d.DisplayMin, e.GetProperty("display_min").GetDouble());
                    Assert.Equal(d.DisplayMax, e.GetProperty("display_max").GetDouble());
                    Assert.False(e.GetProperty("animates").GetBoolean(), $"{d.Name} must not animate");
                    break;
                case ParamKind.Choice:
                    Assert.Equal(d.Options, e.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
                    Assert.Equal((int)d.Default, ChoiceIndex(e.GetProperty("default"), d));
                    break;
                case ParamKind.String:
                    Assert.Equal(d.DefaultString, e.GetProperty("default").GetString());
                    Assert.Equal(d.StringMode switch
                    {
                        StringMode.FilePath => "OfxParamStringIsFilePath",
                        StringMode.DirectoryPath => "OfxParamStringIsDirectoryPath",
                        _ => "OfxParamStringIsSingleLine",
                    }, e.GetProperty("string_mode").GetString());
                    break;
            }
        }
    }

    [Fact]
    public void Clips_AsDescribedToHost_AreTemporalSourceAndOutputInRgbaAndRgb()
    {
        var run = s_run.Value;
        Assert.True(run.ExitCode == 0, run.Describe());
        var clips = run.Of("clip_define").ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Equal(["Output", "Source"], clips.Keys.Order());
        foreach (var clip in clips.Values)
        {
            Assert.Equal(["OfxImageComponentRGBA", "OfxImageComponentRGB"],
                clip.GetProperty("supported_components").EnumerateArray().Select(c => c.GetString()));
            Assert.False(clip.GetProperty("supports_tiles").GetBoolean());
        }
        Assert.True(clips["Source"].GetProperty("temporal_clip_access").GetBoolean());
        Assert.False(clips["Source"].GetProperty("optional").GetBoolean());
    }

    [Fact]
    public void Effect_AsDescribedToHost_IsInstanceSafeTemporalMultiResolutionAndUntiled()
    {
        var run = s_run.Value;
        Assert.True(run.ExitCode == 0, run.Describe());
        var effect = run.Of("effect_descriptor").First(e => e.GetProperty("phase").GetString() == "describe");
        Assert.Equal(EffectDescriptor.Label, effect.GetProperty("label").GetString());
        Assert.Equal(EffectDescriptor.Grouping, effect.GetProperty("grouping").GetString());
        Assert.Equal(["OfxImageEffectContextFilter", "OfxImageEffectContextGeneral"],
            effect.GetProperty("contexts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["OfxBitDepthByte", "OfxBitDepthShort", "OfxBitDepthHalf", "OfxBitDepthFloat"],
            effect.GetProperty("pixel_depths").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("OfxImageEffectRenderInstanceSafe", effect.GetProperty("render_thread_safety").GetString());
        Assert.True(effect.GetProperty("temporal_clip_access").GetBoolean());
        Assert.True(effect.GetProperty("supports_multi_resolution").GetBoolean());
        Assert.False(effect.GetProperty("supports_tiles").GetBoolean());
        Assert.False(effect.GetProperty("host_frame_threading").GetBoolean());
        Assert.Equal([(int)EffectDescriptor.VersionMajor, (int)EffectDescriptor.VersionMinor],
            effect.GetProperty("version").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public void Pages_AsDescribedToHost_AreOrderedOnTheParameterSetAndFollowOfxParam()
    {
        var run = s_run.Value;
        Assert.True(run.ExitCode == 0, run.Describe());
        var described = run.Of("effect_descriptor").Single(e => e.GetProperty("phase").GetString() == "describe_in_context");
        Assert.Equal([EffectParams.MainPage, EffectParams.AdvancedPage], described.GetProperty("page_order").EnumerateArray().Select(p => p.GetString()));
        Assert.Empty(run.Of("property_error")); // this host knows every property the plugin sets
        Assert.Empty(run.Of("warning")); // the host's page checks: no group or page among a page's children
    }

    private static int ChoiceIndex(JsonElement value, ParamDefinition d) =>
        value.ValueKind == JsonValueKind.Number ? value.GetInt32() : d.Options.ToList().IndexOf(value.GetString()!);
}
