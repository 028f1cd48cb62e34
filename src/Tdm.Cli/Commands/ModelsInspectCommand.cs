using System.CommandLine;
using Tdm.Cli.CommandLine;
using Tdm.Engine.Models.Inspection;

namespace Tdm.Cli.Commands;

/// <summary>
/// 'tdm models inspect': what a model folder or checkpoint file is, each network's architecture, parameters and
/// dtypes, and every problem found, checked against the tensors our graphs read.
/// </summary>
internal sealed class ModelsInspectCommand(CliConsole console) : ICommand
{
    /// <inheritdoc/>
    public string? Group => "models";

    /// <inheritdoc/>
    public Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "a model folder or a .safetensors checkpoint" };
        var tokenizer = CliOptions.Text("--tokenizer", "DIR", "CLIP tokenizer folder, for a single-file checkpoint without one beside it");
        var controlNet = CliOptions.Text("--controlnet", "PATH", "the ControlNet to restore with, checked with the model (as tdm restore takes it)", "MODEL/controlnet");
        var command = new DocumentedCommand(
            "inspect",
            "Reports what a model folder or checkpoint is: family, networks, parameter counts, dtypes and every problem.",
            "tdm models inspect PATH [--tokenizer DIR] [--controlnet PATH]",
            "Exit code 0 when the model is usable (tdm restore accepts it: a Stable Diffusion model needs a ControlNet,\n" +
            "its controlnet/ folder or --controlnet), 4 when the report lists problems.\n\n" + ExitCodes.Help);
        command.Arguments.Add(path);
        command.Options.Add(tokenizer);
        command.Options.Add(controlNet);
        command.SetAction((result, _) => Task.FromResult(Run(result.GetValue(path)!, result.GetValue(tokenizer), result.GetValue(controlNet))));
        return command;
    }

    private int Run(string path, string? tokenizer, string? controlNet)
    {
        var report = ModelInspection.Of(path, tokenizer, controlNet);
        console.Out.Write(report.Text);
        return report.Usable ? ExitCodes.Ok : ExitCodes.Model;
    }
}
