using System.CommandLine;
using Tdm.Cli.CommandLine;
using Tdm.Engine;
using Tdm.Engine.Models.Synthetic;

namespace Tdm.Cli.Commands;

/// <summary>'tdm models synth': writes a random-weight SD1.5 + ControlNet model folder (<see cref="SyntheticModel"/>).</summary>
internal sealed class ModelsSynthCommand(CliConsole console) : ICommand
{
    private static readonly KeyValuePair<string, SyntheticArchitecture>[] s_architectures =
        [new("tiny", SyntheticArchitecture.Tiny), new("sd15", SyntheticArchitecture.Sd15)];

    /// <inheritdoc/>
    public string? Group => "models";

    /// <inheritdoc/>
    public Command Create()
    {
        var architecture = CliOptions.Choice("--arch", "tiny (SD1.5's structure at tiny widths, the small model) or sd15 (full size, 4+ GB)", s_architectures, SyntheticArchitecture.Tiny);
        var seed = CliOptions.Int("--seed", "N", "seed of the random weights; the same seed writes the same files", 0, 0, int.MaxValue);
        var folder = CliOptions.Text("--out", "DIR", "the model folder to write (its controlnet/ subfolder holds the ControlNet)");
        var overwrite = CliOptions.Flag("--overwrite", "write into a folder that is not empty (its model files are replaced)");
        var command = new DocumentedCommand(
            "synth",
            "Writes a random-weight Stable Diffusion 1.5 + ControlNet model folder (diffusers layout), deterministically.",
            "tdm models synth --arch tiny|sd15 [--seed N] --out DIR",
            """
            The weights are random: such a model proves the pipeline and measures speed and memory at real sizes, it
            restores nothing. For real restoration use Stable Diffusion 1.5 and the TDM (or ControlNet v1.1 tile)
            weights with 'tdm restore --model DIR --controlnet PATH'.
            """ + "\n\n" + ExitCodes.Help)
        {
            architecture, seed, folder, overwrite,
        };
        command.SetAction((result, _) => Task.FromResult(Run(
            result.GetValue(architecture), result.GetValue(seed), result.GetValue(folder), result.GetValue(overwrite))));
        return command;
    }

    private int Run(SyntheticArchitecture architecture, int seed, string? folder, bool overwrite)
    {
        if (folder is null)
            throw new UsageException("no output folder: give --out DIR");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any() && !overwrite)
            throw new UsageException($"'{folder}' is not empty; its model files would be replaced: choose an empty folder or add --overwrite");
        try
        {
            SyntheticModel.Write(folder, architecture, seed, line => console.Error.WriteLine($"tdm: {line}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TdmException(TdmErrorKind.Output, $"cannot write the model into '{folder}': {e.Message}", e);
        }
        console.Out.WriteLine($"wrote a random-weight {(architecture == SyntheticArchitecture.Tiny ? "tiny" : "SD1.5-size")} model (seed {seed}) to {Path.GetFullPath(folder)}");
        return ExitCodes.Ok;
    }
}
