using Tdm.Cli.Arguments;
using Tdm.Engine;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Models.Synthetic;

namespace Tdm.Cli.Commands;

/// <summary>'tdm models synth': writes a random-weight SD1.5 + ControlNet model folder (<see cref="SyntheticModel"/>).</summary>
internal sealed class ModelsSynthCommand(CliConsole console) : ICommand
{
    private static readonly KeyValuePair<string, SyntheticArchitecture>[] s_architectures =
        [new("tiny", SyntheticArchitecture.Tiny), new("sd15", SyntheticArchitecture.Sd15)];

    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new(
        "models synth",
        "tdm models synth --arch tiny|sd15 [--seed N] --out DIR",
        "Writes a random-weight Stable Diffusion 1.5 + ControlNet model folder (diffusers layout), deterministically.",
        [
            new("--arch", "ARCH", "tiny (SD1.5's structure at tiny widths, the default small model) or sd15 (full size, 4+ GB)"),
            new("--seed", "N", "seed of the random weights (default 0); the same seed writes the same files"),
            new("--out", "DIR", "the model folder to write (its controlnet/ subfolder holds the ControlNet)"),
            new("--overwrite", null, "write into a folder that is not empty (its model files are replaced)"),
        ],
        Details: """
            The weights are random: such a model proves the pipeline and measures speed and memory at real sizes, it
            restores nothing. For real restoration use Stable Diffusion 1.5 and the TDM (or ControlNet v1.1 tile)
            weights with 'tdm restore --model DIR --controlnet PATH'.
            """ + "\n\n" + ExitCodes.Help);

    /// <inheritdoc/>
    public int Run(ParsedArguments args, CancellationToken cancel)
    {
        var architecture = args.Choice("--arch", SyntheticArchitecture.Tiny, s_architectures);
        var seed = args.Int("--seed", 0, 0, int.MaxValue);
        var folder = args.NonEmpty("--out") ?? throw new UsageException("no output folder: give --out DIR");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any() && !args.Flag("--overwrite"))
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
