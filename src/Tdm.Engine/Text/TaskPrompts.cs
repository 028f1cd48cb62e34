namespace Tdm.Engine.Text;

/// <summary>
/// Task Prompt Guidance (TPG): the text prompt that tells the one restoration model which degradation to remove.
/// The defaults are the paper's prompts; each can be replaced (an immutable record: use <c>with</c>), and a
/// custom prompt overrides any task. Value equality makes an instance usable in cache keys.
/// </summary>
public sealed record TaskPrompts
{
    /// <summary>The paper's denoising prompt.</summary>
    public const string DefaultDenoise = "remove the noise";

    /// <summary>The paper's dehazing prompt.</summary>
    public const string DefaultDehaze = "remove the fog";

    /// <summary>The paper's deraining prompt.</summary>
    public const string DefaultDerain = "remove the rain";

    /// <summary>
    /// MP4 compression artifact removal; the paper trains this task without printing its prompt, so this one
    /// follows the form of the others. Replace it if a checkpoint was trained with another.
    /// </summary>
    public const string DefaultMp4Artifacts = "remove the compression artifacts";

    /// <summary>The paper's super-resolution prompt.</summary>
    public const string DefaultSuperResolution = "recover the high resolution details";

    /// <summary>The paper's prompts.</summary>
    public static TaskPrompts Default { get; } = new();

    /// <summary>Prompt for <see cref="RestorationTask.Denoise"/>.</summary>
    public string Denoise { get; init; } = DefaultDenoise;

    /// <summary>Prompt for <see cref="RestorationTask.Dehaze"/>.</summary>
    public string Dehaze { get; init; } = DefaultDehaze;

    /// <summary>Prompt for <see cref="RestorationTask.Derain"/>.</summary>
    public string Derain { get; init; } = DefaultDerain;

    /// <summary>Prompt for <see cref="RestorationTask.Mp4Artifacts"/>.</summary>
    public string Mp4Artifacts { get; init; } = DefaultMp4Artifacts;

    /// <summary>Prompt for <see cref="RestorationTask.SuperResolution"/>.</summary>
    public string SuperResolution { get; init; } = DefaultSuperResolution;

    /// <summary>
    /// The prompt to use: <paramref name="customPrompt"/> when given (any task; an empty string is a valid
    /// prompt), else the task's prompt. <see cref="RestorationTask.Custom"/> without a custom prompt throws
    /// <see cref="TdmException"/> of kind <see cref="TdmErrorKind.BadArgument"/>.
    /// </summary>
    public string For(RestorationTask task, string? customPrompt = null)
    {
        if (customPrompt is not null)
            return customPrompt;
        return task switch
        {
            RestorationTask.Denoise => Denoise,
            RestorationTask.Dehaze => Dehaze,
            RestorationTask.Derain => Derain,
            RestorationTask.Mp4Artifacts => Mp4Artifacts,
            RestorationTask.SuperResolution => SuperResolution,
            RestorationTask.Custom => throw new TdmException(TdmErrorKind.BadArgument,
                "the custom task needs a prompt: give one (for example \"remove the snow\") or choose a task: " +
                string.Join(", ", Options.MethodOptions.Task.Choices.Select(c => c.Name))),
            _ => throw new TdmException(TdmErrorKind.BadArgument, $"{(int)task} is not a RestorationTask value"),
        };
    }
}
