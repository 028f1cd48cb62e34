using Tdm.Engine.Text;

namespace Tdm.Engine.Tests.Text;

public class TaskPromptsTests
{
    [Theory]
    [InlineData(RestorationTask.Denoise, "remove the noise")]
    [InlineData(RestorationTask.Dehaze, "remove the fog")]
    [InlineData(RestorationTask.Derain, "remove the rain")]
    [InlineData(RestorationTask.Mp4Artifacts, "remove the compression artifacts")]
    [InlineData(RestorationTask.SuperResolution, "recover the high resolution details")]
    public void For_EachTask_GivesThePaperPrompt(RestorationTask task, string expected)
    {
        Assert.Equal(expected, TaskPrompts.Default.For(task));
    }

    [Fact]
    public void For_CustomPromptGiven_OverridesAnyTask()
    {
        Assert.Equal("remove the snow", TaskPrompts.Default.For(RestorationTask.Derain, "remove the snow"));
        Assert.Equal("remove the snow", TaskPrompts.Default.For(RestorationTask.Custom, "remove the snow"));
    }

    [Fact]
    public void For_CustomTaskWithoutPrompt_ThrowsBadArgument()
    {
        var e = Assert.Throws<TdmException>(() => TaskPrompts.Default.For(RestorationTask.Custom));
        Assert.Equal(TdmErrorKind.BadArgument, e.Kind);
        Assert.Contains("prompt", e.Message);
    }

    [Fact]
    public void With_ReplacedMp4Prompt_ChangesOnlyThatTaskAndEquality()
    {
        var prompts = TaskPrompts.Default with { Mp4Artifacts = "remove the mp4 compression artifacts" };
        Assert.Equal("remove the mp4 compression artifacts", prompts.For(RestorationTask.Mp4Artifacts));
        Assert.Equal("remove the noise", prompts.For(RestorationTask.Denoise));
        Assert.NotEqual(TaskPrompts.Default, prompts);
        Assert.Equal(new TaskPrompts(), TaskPrompts.Default);
    }
}
