using Tdm.Cli.CommandLine;
using Tdm.Cli.Commands;
using Tdm.Cli.Media;
using Tdm.Cli.Progress;
using Tdm.Cli.Restore;
using Tdm.Engine;

namespace Tdm.Cli.Tests.Commands;

public class RestoreCommandLineTests
{
    private static RestoreRequest Parse(string[] args, string? modelVariable = null) =>
        RestoreCommandLine.Read(TdmParser.Parse(RestoreCommandLine.Create(), args), name => name == RestoreCommandLine.ModelVariable ? modelVariable : null);

    private static RestoreRequest ParseWith(params string[] extra) => Parse(["in.mp4", "-o", "out.mp4", "--model", "/models/sd15", .. extra]);

    [Fact]
    public void Parse_TaskOnly_GivesThePaperDefaults()
    {
        var request = ParseWith("--task", "denoise");

        Assert.Equal("in.mp4", request.Input);
        Assert.Equal("out.mp4", request.Output);
        Assert.Null(request.Frames);
        var s = request.Settings;
        Assert.Equal(RestorationTask.Denoise, s.Task);
        Assert.Null(s.Prompt);
        Assert.Equal("", s.NegativePrompt);
        Assert.Equal((10, 32, 7.5f, 1f), (s.InversionSteps, s.SamplingSteps, s.Guidance, s.ControlNetScale));
        Assert.Equal((TemporalMode.SwCfa, 3, 16, (int?)null), (s.Temporal, s.Radius, s.ChunkLength, s.Handles));
        Assert.Equal(((int?)null, 1, ColourFix.None, false), (s.ShortSide, s.EffectiveScale, s.ColourFix, s.MixInControlNet)); // full resolution
        Assert.Equal(new RestoreSettings(), s);
        Assert.Equal(new ModelPaths("/models/sd15"), request.Model);
        Assert.Equal((DeviceKind.Auto, 0, 0), (request.Engine.Device, request.Engine.DeviceIndex, request.Engine.IntraOpThreads));
        Assert.Equal(ProgressMode.Bar, request.Progress);
        Assert.False(request.Overwrite);
    }

    [Fact]
    public void Parse_EveryOption_ReachesTheRequest()
    {
        var request = ParseWith(
            "--task", "sr", "--prompt", "sharp", "--negative-prompt", "blur", "--controlnet", "/cn", "--tokenizer", "/tok",
            "--frames", "17-29", "--handles", "5", "--scale", "4", "--device", "cuda", "--device-index", "1",
            "--inversion-steps", "2", "--steps", "3", "--guidance", "5", "--controlnet-scale", "0.5", "--temporal", "first",
            "--radius", "2", "--mix-controlnet", "--scene-cuts", "off", "--cut-threshold", "0.25", "--chunk", "8", "--color-fix", "wavelet", "--short-side", "256",
            "--cache-dir", "/cache", "--threads", "2", "--progress", "json", "--overwrite", "--fps", "30000/1001");

        var s = request.Settings;
        Assert.Equal((RestorationTask.SuperResolution, "sharp", "blur"), (s.Task, s.Prompt, s.NegativePrompt));
        Assert.Equal(new FrameRange(17, 29), request.Frames);
        Assert.Equal((2, 3, 5f, 0.5f), (s.InversionSteps, s.SamplingSteps, s.Guidance, s.ControlNetScale));
        Assert.Equal((TemporalMode.FirstFrame, 2, 8, (int?)5, true), (s.Temporal, s.Radius, s.ChunkLength, s.Handles, s.MixInControlNet));
        Assert.Equal((256, 4, ColourFix.Wavelet), (s.ShortSide, s.Scale, s.ColourFix));
        Assert.Equal((false, 0.25f), (s.SceneCuts, s.CutThreshold));
        Assert.Equal(new ModelPaths("/models/sd15", "/cn", "/tok"), request.Model);
        Assert.Equal((DeviceKind.Cuda, 1, "/cache", 2), (request.Engine.Device, request.Engine.DeviceIndex, request.Engine.CacheDirectory, request.Engine.IntraOpThreads));
        Assert.Equal(ProgressMode.Json, request.Progress);
        Assert.True(request.Overwrite);
        Assert.Equal(new FrameRate(30000, 1001), request.SequenceRate);
    }

    [Fact]
    public void Parse_SuperResolution_DefaultsToTwiceTheSize() => Assert.Equal(2, ParseWith("--task", "sr").Settings.EffectiveScale);

    [Fact]
    public void Parse_PromptWithoutTask_IsACustomTask()
    {
        var s = ParseWith("--prompt", "remove the scratches").Settings;
        Assert.Equal((RestorationTask.Custom, "remove the scratches"), (s.Task, s.Prompt));
    }

    [Fact]
    public void Parse_UnknownTask_ListsTheTasks()
    {
        var error = Assert.Throws<UsageException>(() => ParseWith("--task", "deblur"));
        Assert.Equal("--task must be one of denoise, dehaze, derain, mp4, sr, custom; got 'deblur'", error.Message);
    }

    [Fact]
    public void Parse_NoTaskNoPrompt_Rejected() =>
        Assert.Contains("no task", Assert.Throws<UsageException>(() => ParseWith()).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_NoOutput_Rejected() =>
        Assert.Contains("no output", Assert.Throws<UsageException>(() => Parse(["in.mp4", "--task", "denoise", "--model", "m"])).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_NoModel_PointsAtTheSynthesizer()
    {
        var error = Assert.Throws<UsageException>(() => Parse(["in.mp4", "-o", "o.mp4", "--task", "denoise"]));
        Assert.Contains("tdm models synth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ModelFromEnvironment_Used() =>
        Assert.Equal("/env/model", Parse(["in.mp4", "-o", "o.mp4", "--task", "denoise"], "/env/model").Model.Model);

    [Theory]
    [InlineData("--short-side", "32", "--short-side must be a whole number from 64 to 4096")]
    [InlineData("--chunk", "300", "--chunk must be a whole number from 1 to 256")]
    [InlineData("--scale", "3", "--scale must be one of 1, 2, 4")]
    [InlineData("--temporal", "window", "--temporal must be one of swcfa, first, off")]
    [InlineData("--device", "gpu", "--device must be one of auto, cuda, cpu")]
    [InlineData("--progress", "xml", "--progress must be one of bar, json, none")]
    [InlineData("--steps", "0", "--steps must be a whole number from 1 to 1000")]
    [InlineData("--fps", "fast", "--fps must be a positive frame rate")]
    [InlineData("--frames", "9-3", "comes before")]
    public void Parse_BadValue_NamesTheOption(string option, string value, string expected) =>
        Assert.Contains(expected, Assert.Throws<UsageException>(() => ParseWith("--task", "denoise", option, value)).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_ColorFixSpelling_IsTheColourFix() => Assert.Equal(ColourFix.AdaIn, ParseWith("--task", "denoise", "--color-fix", "adain").Settings.ColourFix);

    [Fact]
    public void MethodOptions_AreTheMethodsSettingsAndNothingElse()
    {
        // The engine's catalogue generates exactly these (plus the device's); the job's options stay apart. The names
        // users type are pinned too: renaming one in the catalogue breaks scripts.
        string[] expected = [.. Tdm.Engine.Options.MethodOptions.All.Select(o => "--" + o.Name), "--device", "--device-index", "--threads"];
        Assert.Subset(expected.ToHashSet(), new HashSet<string>
        {
            "--task", "--prompt", "--negative-prompt", "--inversion-steps", "--steps", "--guidance", "--controlnet-scale", "--temporal",
            "--radius", "--mix-controlnet", "--chunk", "--handles", "--short-side", "--scale", "--colour-fix", "--device", "--device-index", "--threads",
        });
        Assert.Equal(expected, RestoreCommandLine.MethodOptions().Select(o => o.Name));
        var all = RestoreCommandLine.Create().Options.Select(o => o.Name).ToList();
        Assert.Equal(expected.Length + 10, all.Count);
        Assert.All(expected, name => Assert.Contains(name, all));
    }

    [Fact]
    public void Help_ShowsEveryRangeChoiceAndDefault()
    {
        var help = HelpText.For(RestoreCommandLine.Create());
        Assert.Contains("--steps N", help, StringComparison.Ordinal);
        Assert.Contains("fewer is faster and coarser (1..1000; default 32)", help, StringComparison.Ordinal);
        Assert.Contains("at most 1 turns guidance off (0..50; default 7.5)", help, StringComparison.Ordinal);
        Assert.Contains("--temporal swcfa|first|off", help, StringComparison.Ordinal);
        Assert.Contains("--color-fix, --colour-fix none|wavelet|adain", help, StringComparison.Ordinal);
        Assert.Contains("-o, --output OUTPUT", help, StringComparison.Ordinal);
    }
}
