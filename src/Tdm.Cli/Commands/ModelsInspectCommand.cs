using Tdm.Cli.Arguments;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Models.Inspection;

namespace Tdm.Cli.Commands;

/// <summary>
/// 'tdm models inspect': what a model folder or checkpoint file is, each network's architecture, parameters and
/// dtypes, and every problem found, checked against the tensors our graphs read.
/// </summary>
internal sealed class ModelsInspectCommand(CliConsole console) : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new(
        "models inspect",
        "tdm models inspect PATH [--tokenizer DIR]",
        "Reports what a model folder or checkpoint is: family, networks, parameter counts, dtypes and every problem.",
        [new("--tokenizer", "DIR", "CLIP tokenizer folder, for a single-file checkpoint without one beside it")],
        MinPositionals: 1,
        MaxPositionals: 1,
        Details: "Exit code 0 when the model is usable, 4 when the report lists problems.\n\n" + ExitCodes.Help);

    /// <inheritdoc/>
    public int Run(ParsedArguments args, CancellationToken cancel)
    {
        var report = new ModelInspector(NetworkSpecs.ExpectedTensors).Inspect(args.Positionals[0], args.NonEmpty("--tokenizer"));
        console.Out.Write(report.Render());
        return report.HasProblems ? ExitCodes.Model : ExitCodes.Ok;
    }
}
