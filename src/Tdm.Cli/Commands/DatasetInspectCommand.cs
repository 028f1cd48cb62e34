using System.CommandLine;
using Tdm.Cli.CommandLine;
using Tdm.Dataset;
using Tdm.Dataset.Media;
using Tdm.Engine;

namespace Tdm.Cli.Commands;

/// <summary>'tdm dataset inspect': counts per task, size and path checks, and a contact sheet (<see cref="DatasetInspection"/>).</summary>
internal sealed class DatasetInspectCommand(CliConsole console, FfmpegTools tools) : ICommand
{
    /// <inheritdoc/>
    public string? Group => "dataset";

    /// <inheritdoc/>
    public Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "a dataset folder written by 'tdm dataset build'" };
        var sheet = CliOptions.Text("--sheet", "PATH", "write a contact sheet of sample pairs (degraded | clean, one row per task) to this PNG", "DIR-contact-sheet.png beside the folder");
        var noSheet = CliOptions.Flag("--no-sheet", "check only, write no contact sheet");
        var perTask = CliOptions.Int("--samples", "N", "pairs per task on the contact sheet", 3, 1, 32);
        var command = new DocumentedCommand(
            "inspect",
            "Checks a training-pair folder (keys, paths, equal sizes), counts its pairs per task and writes a contact sheet.",
            "tdm dataset inspect DIR [--sheet PATH | --no-sheet] [--samples N]",
            """
            The contact sheet is written beside the folder by default, never into it: the training script would read
            any image in the folder as a training image. Exit status 3 when a check fails.
            """ + "\n\n" + ExitCodes.Help)
        {
            sheet, noSheet, perTask,
        };
        command.Arguments.Add(folder);
        command.SetAction((result, _) => Task.FromResult(Run(result.GetValue(folder)!, result.GetValue(sheet), result.GetValue(noSheet), result.GetValue(perTask))));
        return command;
    }

    private int Run(string folder, string? sheet, bool noSheet, int perTask)
    {
        var report = DatasetInspection.Inspect(folder);
        console.Out.WriteLine($"{Path.GetFullPath(folder)}: {report.Total} pair(s)");
        foreach (var (task, count) in report.PerTask)
            console.Out.WriteLine($"  {task,-10} {count}");
        console.Out.WriteLine($"  sizes      {string.Join(", ", report.Sizes.Select(s => $"{s.Width}x{s.Height}"))}");
        if (!noSheet && report.Pairs.Count > 0)
        {
            var path = sheet ?? Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + "-contact-sheet.png";
            new ContactSheet(tools, perTask).Write(folder, report, path);
            console.Out.WriteLine($"  contact sheet {path}");
        }
        if (report.Problems.Count == 0)
        {
            console.Out.WriteLine("  every row has its keys, its paths resolve inside the folder and every pair has equal sizes");
            return ExitCodes.Ok;
        }
        foreach (var problem in report.Problems)
            console.Error.WriteLine($"tdm: {problem}");
        throw new TdmException(TdmErrorKind.Input, $"'{folder}' failed {report.Problems.Count} check(s) (listed above)");
    }
}
