namespace Tdm.Engine.Tests;

public class RestorationTaskNamesTests
{
    [Theory]
    [InlineData("denoise", RestorationTask.Denoise)]
    [InlineData("dehaze", RestorationTask.Dehaze)]
    [InlineData("derain", RestorationTask.Derain)]
    [InlineData("mp4", RestorationTask.Mp4Artifacts)]
    [InlineData("sr", RestorationTask.SuperResolution)]
    [InlineData("custom", RestorationTask.Custom)]
    [InlineData(" SR ", RestorationTask.SuperResolution)]
    [InlineData("SuperResolution", RestorationTask.SuperResolution)]
    public void Parse_KnownName_GivesTask(string name, RestorationTask expected)
    {
        Assert.Equal(expected, RestorationTaskNames.Parse(name));
    }

    [Fact]
    public void ToName_EveryTask_ParsesBack()
    {
        foreach (var task in Enum.GetValues<RestorationTask>())
            Assert.Equal(task, RestorationTaskNames.Parse(task.ToName()));
        Assert.Equal(Enum.GetValues<RestorationTask>().Length, RestorationTaskNames.All.Count);
    }

    [Theory]
    [InlineData("deblur")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_UnknownName_ThrowsBadArgumentListingValidNames(string? name)
    {
        var e = Assert.Throws<TdmException>(() => RestorationTaskNames.Parse(name));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
        Assert.Contains("denoise, dehaze, derain, mp4, sr, custom", e.Message);
        Assert.False(RestorationTaskNames.TryParse(name, out _));
    }
}
