namespace Tdm.Engine;

/// <summary>
/// What the restoration should do. With Task Prompt Guidance one model serves every task: the task only chooses
/// the text prompt (see <see cref="Text.TaskPrompts"/>). Names for command lines and settings:
/// <see cref="Options.MethodOptions.Task"/>.
/// </summary>
public enum RestorationTask
{
    /// <summary>Remove sensor or compression noise ("remove the noise").</summary>
    Denoise,
    /// <summary>Remove haze or fog ("remove the fog").</summary>
    Dehaze,
    /// <summary>Remove rain streaks ("remove the rain").</summary>
    Derain,
    /// <summary>Remove MP4 (H.264/H.265) compression artifacts ("remove the compression artifacts").</summary>
    Mp4Artifacts,
    /// <summary>Restore detail after upsampling ("recover the high resolution details").</summary>
    SuperResolution,
    /// <summary>The user's own prompt.</summary>
    Custom,
}
