using Tdm.Engine.Options;
using Tdm.Engine.Text;

namespace Tdm.Engine.Tests.Options;

public class MethodOptionsTests
{
    [Fact]
    public void All_NamesAndScriptNames_AreUnique()
    {
        var names = MethodOptions.All.Select(o => o.Name).Concat(MethodOptions.All.SelectMany(o => o.Aliases)).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(MethodOptions.All.Count, MethodOptions.All.Select(o => o.ScriptName).Distinct().Count());
    }

    [Fact]
    public void Defaults_AreThePapersAndValid()
    {
        Assert.All(MethodOptions.All, o => Assert.Null(o.Check(o.Default)));
        Assert.Equal(10, MethodOptions.InversionSteps.Default);
        Assert.Equal(32, MethodOptions.SamplingSteps.Default);
        Assert.Equal(7.5, MethodOptions.Guidance.Default);
        Assert.Equal(3, MethodOptions.Radius.Default);
        Assert.Null(MethodOptions.ShortSide.Default); // full resolution
        Assert.Equal(512, MethodOptions.Tile.Default);
        Assert.Equal(128, MethodOptions.TileOverlap.Default);
        Assert.Null(MethodOptions.Handles.Default);
        new RestoreSettings().Validate();
    }

    [Fact]
    public void NumericOptions_OutOfRange_AreRefusedNamingTheOptionAndRange()
    {
        foreach (var option in MethodOptions.All.Where(o => o.Kind is OptionKind.Integer or OptionKind.Number))
        {
            object tooBig = option.Kind == OptionKind.Integer ? (object)((int)option.Maximum + 1) : (option.Maximum * 2) + 1;
            var e = Assert.Throws<TdmException>(() => option.ApplyTo(new RestoreSettings(), tooBig));
            Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
            Assert.Contains($"{option.Name} must be {option.Range}", e.Message);
            // Validate finds the same value set behind the options' back.
            Assert.NotNull(option.Check(option.Kind == OptionKind.Integer ? (object)((int)option.Minimum - 1) : double.NaN));
        }
        Assert.Throws<TdmException>(() => new RestoreSettings { InversionSteps = 0 }.Validate());
        Assert.Throws<TdmException>(() => new RestoreSettings { Task = RestorationTask.Custom }.Validate());
    }

    [Fact]
    public void CacheKey_ChangingAnyOption_ChangesTheKey()
    {
        var baseline = new RestoreSettings { Prompt = "remove the snow" };
        string key = baseline.CacheKey(TaskPrompts.Default);
        foreach (var option in MethodOptions.All)
        {
            object? other = option.Kind switch
            {
                OptionKind.Integer => (int)option.Minimum == (int?)option.ValueIn(baseline) ? (int)option.Minimum + 1 : (int)option.Minimum,
                OptionKind.Number => option.Minimum == (double?)option.ValueIn(baseline) ? option.Minimum + 0.5 : option.Minimum,
                OptionKind.Choice => option.Choices.First(c => !c.Value.Equals(option.ValueIn(baseline))).Value,
                OptionKind.Flag => !(bool)option.ValueIn(baseline)!,
                _ => "something else",
            };
            var changed = option.ApplyTo(baseline, other);
            Assert.NotEqual(key, changed.CacheKey(TaskPrompts.Default));
        }
        // The prompt a task resolves to is part of the key: a studio's reworded task prompt is another result.
        var denoise = new RestoreSettings();
        Assert.NotEqual(denoise.CacheKey(TaskPrompts.Default), denoise.CacheKey(TaskPrompts.Default with { Denoise = "remove the grain" }));
    }

    [Fact]
    public void ChoiceNamed_IgnoresCase_AndTaskNamesAreTheShortOnes()
    {
        Assert.Equal(RestorationTask.SuperResolution, MethodOptions.Task.ChoiceNamed(" SR ")!.Value);
        Assert.Equal(["denoise", "dehaze", "derain", "mp4", "sr", "custom"], MethodOptions.Task.Choices.Select(c => c.Name));
        Assert.Null(MethodOptions.Task.ChoiceNamed("sharpen"));
    }
}
