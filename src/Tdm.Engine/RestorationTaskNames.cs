namespace Tdm.Engine;

/// <summary>
/// The short names of <see cref="RestorationTask"/> used by the command line and saved settings:
/// denoise, dehaze, derain, mp4, sr, custom.
/// </summary>
public static class RestorationTaskNames
{
    private static readonly (string Name, RestorationTask Task)[] s_names =
    [
        ("denoise", RestorationTask.Denoise),
        ("dehaze", RestorationTask.Dehaze),
        ("derain", RestorationTask.Derain),
        ("mp4", RestorationTask.Mp4Artifacts),
        ("sr", RestorationTask.SuperResolution),
        ("custom", RestorationTask.Custom),
    ];

    /// <summary>Every short name, in the order of the enum.</summary>
    public static IReadOnlyList<string> All { get; } = Array.ConvertAll(s_names, n => n.Name);

    /// <summary>The short name of <paramref name="task"/> (e.g. "sr" for SuperResolution).</summary>
    public static string ToName(this RestorationTask task)
    {
        foreach (var (name, t) in s_names)
            if (t == task)
                return name;
        throw new TdmException(TdmErrorKind.BadArgument, $"{(int)task} is not a RestorationTask value");
    }

    /// <summary>
    /// Reads a task from its short name or its enum name, ignoring case and surrounding spaces; false for
    /// anything else.
    /// </summary>
    public static bool TryParse(string? name, out RestorationTask task)
    {
        var trimmed = name.AsSpan().Trim();
        foreach (var (shortName, t) in s_names)
        {
            if (trimmed.Equals(shortName, StringComparison.OrdinalIgnoreCase)
                || trimmed.Equals(t.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                task = t;
                return true;
            }
        }
        task = default;
        return false;
    }

    /// <summary>
    /// Reads a task like <see cref="TryParse"/>; an unknown name throws <see cref="TdmException"/> of kind
    /// <see cref="TdmErrorKind.BadArgument"/> listing the valid names.
    /// </summary>
    public static RestorationTask Parse(string? name) => TryParse(name, out var task) ? task
        : throw new TdmException(TdmErrorKind.BadArgument,
            $"unknown restoration task \"{name}\": use one of {string.Join(", ", All)}");
}
