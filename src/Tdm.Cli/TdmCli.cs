using System.Reflection;
using System.Text;
using Tdm.Cli.Arguments;
using Tdm.Cli.Commands;

namespace Tdm.Cli;

/// <summary>
/// The dispatcher: finds the command named by the first word(s), parses its options, prints --help, runs it, and
/// turns every exception into an exit code and a one-line message on stderr.
/// </summary>
internal sealed class TdmCli(CliConsole console, IEnumerable<ICommand> commands)
{
    private readonly IReadOnlyList<ICommand> _commands = [.. commands];

    /// <summary>Runs the command line <paramref name="args"/>; returns the process exit code.</summary>
    public int Run(IReadOnlyList<string> args, CancellationToken cancel)
    {
        try
        {
            return Dispatch(args, cancel);
        }
        catch (Exception e)
        {
            var (code, message) = Failure.Classify(e, cancel);
            console.Error.WriteLine($"tdm: {(code == ExitCodes.Cancelled ? "" : "error: ")}{message}");
            if (code == ExitCodes.Internal || Environment.GetEnvironmentVariable("TDM_DEBUG") == "1")
                console.Error.WriteLine(e.ToString());
            return code;
        }
    }

    private int Dispatch(IReadOnlyList<string> args, CancellationToken cancel)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help" && args.Count == 1)
        {
            console.Out.Write(Overview());
            return args.Count == 0 ? ExitCodes.BadArguments : ExitCodes.Ok;
        }
        if (args[0] == "--version")
        {
            console.Out.WriteLine($"tdm {typeof(TdmCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"}");
            return ExitCodes.Ok;
        }
        IReadOnlyList<string> words = args[0] == "help" ? [.. args.Skip(1), "--help"] : args;

        // The longest command name that the first words spell ("models synth" before "models").
        ICommand? command = null;
        var used = 0;
        foreach (var candidate in _commands)
        {
            var name = candidate.Spec.Name.Split(' ');
            if (name.Length > used && name.Length <= words.Count && name.Select((w, i) => w == words[i]).All(x => x))
                (command, used) = (candidate, name.Length);
        }
        if (command is null)
            return Unknown(words);

        var parsed = ArgumentParser.Parse(command.Spec, words.Skip(used).ToList());
        if (parsed.HelpRequested)
        {
            console.Out.Write(HelpWriter.Format(command.Spec));
            return ExitCodes.Ok;
        }
        return command.Run(parsed, cancel);
    }

    private int Unknown(IReadOnlyList<string> words)
    {
        // "tdm models" alone, or a mistyped subcommand: list the commands of that group.
        var group = _commands.Where(c => c.Spec.Name.StartsWith(words[0] + " ", StringComparison.Ordinal)).ToList();
        if (group.Count > 0)
        {
            var sub = words.Count > 1 && !words[1].StartsWith('-') ? $"unknown command 'tdm {words[0]} {words[1]}'" : $"'tdm {words[0]}' needs a command";
            throw new UsageException($"{sub}; one of: {string.Join(", ", group.Select(c => c.Spec.Name))}");
        }
        throw new UsageException($"unknown command '{words[0]}'; commands: {string.Join(", ", _commands.Select(c => c.Spec.Name))} ('tdm --help' says more)");
    }

    private string Overview()
    {
        var text = new StringBuilder()
            .AppendLine("tdm: temporally consistent video restoration with diffusion (TDM: SD1.5 + a restoration ControlNet)")
            .AppendLine()
            .AppendLine("Commands:");
        foreach (var command in _commands)
            text.Append("  ").Append(command.Spec.Name.PadRight(16)).AppendLine(command.Spec.Summary);
        text.AppendLine()
            .AppendLine("'tdm COMMAND --help' describes a command's options.")
            .AppendLine()
            .AppendLine(ExitCodes.Help);
        return text.ToString();
    }
}
