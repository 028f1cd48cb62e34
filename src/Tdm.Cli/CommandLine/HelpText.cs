using System.CommandLine;
using System.Text;

namespace Tdm.Cli.CommandLine;

/// <summary>
/// The text of --help, from the commands and options as System.CommandLine holds them: 'tdm --help' lists the
/// commands, a group ('tdm models --help') its commands, a command its usage, summary, options and details.
/// </summary>
internal static class HelpText
{
    private const int HelpColumn = 30;

    /// <summary>The title line of 'tdm --help'.</summary>
    public const string Title = "tdm: temporally consistent video restoration with diffusion (TDM: SD1.5 + a restoration ControlNet)";

    /// <summary>The help of <paramref name="command"/>: the overview for the root, a list for a group.</summary>
    public static string For(Command command) => command switch
    {
        RootCommand => Overview(command),
        DocumentedCommand documented => OfCommand(documented),
        _ => OfGroup(command),
    };

    private static string Overview(Command root)
    {
        var text = new StringBuilder().AppendLine(Title).AppendLine().AppendLine("Commands:");
        AppendCommands(text, root);
        return text.AppendLine()
            .AppendLine("'tdm COMMAND --help' describes a command's options.")
            .AppendLine()
            .AppendLine(ExitCodes.Help)
            .ToString();
    }

    private static string OfGroup(Command group)
    {
        var path = CommandPath.Of(group);
        var text = new StringBuilder().Append("Usage: ").Append(path).AppendLine(" COMMAND [options]").AppendLine();
        if (group.Description is { Length: > 0 } summary)
            text.AppendLine(summary).AppendLine();
        text.AppendLine("Commands:");
        AppendCommands(text, group);
        return text.AppendLine().AppendLine($"'{path} COMMAND --help' describes a command's options.").ToString();
    }

    private static string OfCommand(DocumentedCommand command)
    {
        var text = new StringBuilder().Append("Usage: ").AppendLine(command.Usage).AppendLine().AppendLine(command.Description);
        text.AppendLine().AppendLine("Options:");
        foreach (var option in command.Options.Where(o => !o.Hidden))
            AppendOption(text, CliOptions.Label(option), option.Description ?? "");
        AppendOption(text, "-h, --help", "show this help");
        if (command.Details.Length > 0)
            text.AppendLine().AppendLine(command.Details.TrimEnd());
        return text.ToString();
    }

    private static void AppendCommands(StringBuilder text, Command parent)
    {
        foreach (var command in TdmParser.Leaves(parent))
            text.Append("  ").Append(CommandPath.Short(command).PadRight(16)).AppendLine(command.Description);
    }

    private static void AppendOption(StringBuilder text, string label, string description)
    {
        var left = "  " + label;
        text.Append(left);
        if (left.Length + 2 > HelpColumn)
            text.AppendLine().Append(' ', HelpColumn);
        else
            text.Append(' ', HelpColumn - left.Length);
        text.AppendLine(description);
    }
}
