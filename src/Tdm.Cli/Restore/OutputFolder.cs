using Tdm.Engine;

namespace Tdm.Cli.Restore;

/// <summary>Makes sure an output folder exists and is writable before any work is spent on frames for it.</summary>
internal static class OutputFolder
{
    /// <summary>Creates <paramref name="directory"/> if needed and proves it writable; otherwise an Output error.</summary>
    public static void Prepare(string directory, string output)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".tdm-write-test.{Environment.ProcessId}.tmp");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TdmException(TdmErrorKind.Output,
                $"cannot write the output '{output}': the folder '{directory}' cannot be created or written ({e.Message}); choose another -o or fix the folder's permissions", e);
        }
    }
}
