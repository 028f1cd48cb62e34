using Tdm.OfxPlugin.Host;

namespace Tdm.OfxPlugin.Tests;

public class EffectParamsTests
{
    [Fact]
    public void All_Names_AreUniqueScriptNames()
    {
        var names = EffectParams.All.Select(p => p.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[a-zA-Z][a-zA-Z0-9]*$", n));
    }

    [Fact]
    public void NumericParams_Ranges_NestDisplayInsideHardAroundDefault()
    {
        foreach (var p in EffectParams.All.Where(p => p.Kind is ParamKind.Integer or ParamKind.Double))
        {
            Assert.True(p.Min <= p.DisplayMin && p.DisplayMin < p.DisplayMax && p.DisplayMax <= p.Max,
                $"{p.Name}: hard [{p.Min}, {p.Max}] must contain display [{p.DisplayMin}, {p.DisplayMax}]");
            Assert.True(p.DisplayMin <= p.Default && p.Default <= p.DisplayMax,
                $"{p.Name}: default {p.Default} outside display [{p.DisplayMin}, {p.DisplayMax}]");
        }
    }

    [Fact]
    public void Defaults_AsDeclared_AreThePapersSettings()
    {
        double Default(string name) => EffectParams.All.Single(p => p.Name == name).Default;
        Assert.Equal(10, Default(EffectParams.InversionSteps));
        Assert.Equal(32, Default(EffectParams.SamplingSteps));
        Assert.Equal(7.5, Default(EffectParams.Guidance));
        Assert.Equal(1, Default(EffectParams.ControlNetScale));
        Assert.Equal(3, Default(EffectParams.WindowRadius));
        Assert.Equal(512, Default(EffectParams.ShortSide));
    }

    [Fact]
    public void Pages_Children_CoverEveryParameterOnceAndExist()
    {
        var pages = EffectParams.All.Where(p => p.Kind == ParamKind.Page).ToList();
        var children = pages.SelectMany(p => p.Children).ToList();
        var others = EffectParams.All.Where(p => p.Kind != ParamKind.Page).Select(p => p.Name).ToList();
        Assert.Equal(others.OrderBy(n => n), children.OrderBy(n => n));
    }

    [Fact]
    public void Parents_AsDeclared_AreGroupsDeclaredEarlier()
    {
        var seen = new HashSet<string>();
        foreach (var p in EffectParams.All)
        {
            if (p.Parent is not null)
                Assert.True(seen.Contains(p.Parent) && EffectParams.All.Single(g => g.Name == p.Parent).Kind == ParamKind.Group,
                    $"{p.Name}'s parent {p.Parent} must be a group declared before it");
            seen.Add(p.Name);
        }
    }

    [Fact]
    public void Choices_Options_MatchTheirEnums()
    {
        // The enum names an option stands for, checked against the option count.
        string[] Labels(string name, params string[] enumNames)
        {
            Assert.Equal(enumNames.Length, Options(name));
            return enumNames;
        }

        int Options(string name) => EffectParams.All.Single(p => p.Name == name).Options.Count;
        // Option i is the engine enum's value i: EffectSettings casts the index.
        Assert.Equal(Enum.GetNames<Engine.RestorationTask>(), Labels(EffectParams.Task, "Denoise", "Dehaze", "Derain", "Mp4Artifacts", "SuperResolution", "Custom"));
        Assert.Equal(Enum.GetNames<Engine.TemporalMode>(), Labels(EffectParams.TemporalMode, "SwCfa", "FirstFrame", "Off"));
        Assert.Equal(Enum.GetNames<Engine.ColourFix>(), Labels(EffectParams.ColourFix, "None", "Wavelet", "AdaIn"));
        Assert.Equal(Enum.GetNames<Engine.DeviceKind>(), Labels(EffectParams.Device, "Auto", "Cpu", "Cuda"));
        Assert.Equal(EffectParams.Scales.Length, Options(EffectParams.OutputScale));
    }
}
