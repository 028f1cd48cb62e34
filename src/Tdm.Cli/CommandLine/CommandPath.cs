using System.CommandLine;

namespace Tdm.Cli.CommandLine;

/// <summary>How a command is typed: "tdm restore", "tdm models synth"; messages and help name commands this way.</summary>
internal static class CommandPath
{
    /// <summary>"tdm" and the names from the root down to <paramref name="command"/>.</summary>
    public static string Of(Command command) => string.Join(' ', ["tdm", .. Names(command)]);

    /// <summary>The names without "tdm" ("models synth"), as 'tdm --help' lists the commands.</summary>
    public static string Short(Command command) => string.Join(' ', Names(command));

    private static IEnumerable<string> Names(Command command)
    {
        var names = new Stack<string>();
        // The root is the executable, not a word the user types.
        for (Command? c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
            names.Push(c.Name);
        return names;
    }
}
