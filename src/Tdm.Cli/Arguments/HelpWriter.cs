using System.Text;

namespace Tdm.Cli.Arguments;

/// <summary>Formats a command's --help from its <see cref="CommandSpec"/>: usage, summary, options, details.</summary>
internal static class HelpWriter
{
    private const int HelpColumn = 30;

    /// <summary>The full --help text of <paramref name="spec"/>.</summary>
    public static string Format(CommandSpec spec)
    {
        var text = new StringBuilder();
        text.Append("Usage: ").AppendLine(spec.Usage).AppendLine().AppendLine(spec.Summary);
        if (spec.Options.Count > 0)
        {
            text.AppendLine().AppendLine("Options:");
            foreach (var option in spec.Options)
                AppendOption(text, option);
            AppendOption(text, new OptionSpec("--help", null, "show this help", "-h"));
        }
        if (spec.Details.Length > 0)
            text.AppendLine().AppendLine(spec.Details.TrimEnd());
        return text.ToString();
    }

    private static void AppendOption(StringBuilder text, OptionSpec option)
    {
        var left = "  " + (option.Alias is null ? "" : option.Alias + ", ") + option.Name + (option.IsFlag ? "" : " " + option.ValueName);
        text.Append(left);
        if (left.Length + 2 > HelpColumn)
            text.AppendLine().Append(' ', HelpColumn);
        else
            text.Append(' ', HelpColumn - left.Length);
        text.AppendLine(option.Help);
    }
}
