using Tdm.Engine.Options;
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
        double Default(MethodOption option) => EffectParams.All.Single(p => p.Name == option.ScriptName).Default;
        Assert.Equal(10, Default(MethodOptions.InversionSteps));
        Assert.Equal(32, Default(MethodOptions.SamplingSteps));
        Assert.Equal(7.5, Default(MethodOptions.Guidance));
        Assert.Equal(1, Default(MethodOptions.ControlNetScale));
        Assert.Equal(3, Default(MethodOptions.Radius));
        Assert.Equal(EffectParams.Automatic, Default(MethodOptions.ShortSide)); // full resolution
        Assert.Equal(512, Default(MethodOptions.Tile));
        Assert.Equal(EffectParams.Automatic, Default(MethodOptions.Handles));
    }

    [Fact]
    public void MethodOptions_EachOne_IsAParameterWithTheCataloguesRanges()
    {
        foreach (var option in MethodOptions.All)
        {
            var p = EffectParams.All.Single(d => d.Name == option.ScriptName);
            Assert.Equal(option.Label, p.Label);
            if (option.Kind is OptionKind.Integer or OptionKind.Number)
                Assert.Equal((option.Maximum, option.DisplayMaximum), (p.Max, p.DisplayMax));
        }
    }

    [Fact]
    public void Pages_Children_AreEveryValueAndButtonParameterOnceAndNoGroups()
    {
        // ofxParam.h: page children are parameters that are neither groups nor pages; groups nest by kOfxParamPropParent.
        var children = EffectParams.All.Where(p => p.Kind == ParamKind.Page).SelectMany(p => p.Children).ToList();
        var onPages = EffectParams.All.Where(p => p.Kind is not (ParamKind.Page or ParamKind.Group)).Select(p => p.Name);
        Assert.Equal(onPages.Order(), children.Order());
    }

    [Fact]
    public void SceneCutOptions_AsDeclared_AreACheckboxAndASliderInTheTemporalGroup()
    {
        var cuts = EffectParams.All.Single(p => p.Name == MethodOptions.SceneCuts.ScriptName);
        var threshold = EffectParams.All.Single(p => p.Name == MethodOptions.CutThreshold.ScriptName);
        Assert.Equal((ParamKind.Boolean, 1.0, EffectParams.TemporalGroup), (cuts.Kind, cuts.Default, cuts.Parent));
        Assert.Equal((ParamKind.Double, 0.1, EffectParams.TemporalGroup), (threshold.Kind, Math.Round(threshold.Default, 6), threshold.Parent));
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
    public void Choices_Options_AreTheCataloguesInOrderWithAutomaticLast()
    {
        // Option i of a host choice is the catalogue's choice i (EffectSettings reads the index back); hosts save the
        // index, so the order is part of saved projects: the enums' order.
        foreach (var option in MethodOptions.All.Where(o => o.Kind == OptionKind.Choice))
        {
            var p = EffectParams.All.Single(d => d.Name == option.ScriptName);
            string[] expected = [.. option.Choices.Select(c => c.Label), .. option.IsOptional ? [EffectParams.AutomaticLabel] : Array.Empty<string>()];
            Assert.Equal(expected, p.Options);
        }
        Assert.Equal(Enum.GetValues<Engine.RestorationTask>().Cast<object>(), MethodOptions.Task.Choices.Select(c => c.Value));
        Assert.Equal(Enum.GetValues<Engine.TemporalMode>().Cast<object>(), MethodOptions.Temporal.Choices.Select(c => c.Value));
        Assert.Equal(Enum.GetValues<Engine.ColourFix>().Cast<object>(), MethodOptions.ColourFix.Choices.Select(c => c.Value));
        Assert.Equal(Enum.GetNames<Engine.DeviceKind>().Length, EffectParams.All.Single(p => p.Name == EffectParams.Device).Options.Count);
    }
}
