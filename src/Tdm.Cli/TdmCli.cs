using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using Tdm.Cli.CommandLine;
using Tdm.Cli.Commands;

namespace Tdm.Cli;

/// <summary>
/// The dispatcher: puts the commands under one System.CommandLine root (groups such as 'tdm models' made on the
/// way, --help, --version, 'tdm help COMMAND' and the [suggest] directive that shell completion asks), parses, runs,
/// and turns every exception into an exit code and a one-line message on stderr.
/// </summary>
internal sealed class TdmCli
{
    // The groups' lines in 'tdm models --help'.
    private static readonly Dictionary<string, string> s_groups = new(StringComparer.Ordinal)
    {
        ["models"] = "Writes and inspects model folders.",
        ["bench"] = "Measures speed, memory and how far float16 on CUDA is from float32 on the CPU.",
        ["dataset"] = "Builds and inspects training pairs for the restoration ControlNet (Task Prompt Guidance).",
    };

    private readonly CliConsole _console;
    private readonly RootCommand _root;
    private readonly InvocationConfiguration _invocation;

    public TdmCli(CliConsole console, IEnumerable<ICommand> commands)
    {
        _console = console;
        _root = BuildRoot(commands);
        _invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Failures are classified below; Ctrl-C and SIGTERM are Program's (a render stops between diffusion
            // steps, which can take longer than System.CommandLine's grace period).
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
    }

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
            _console.Error.WriteLine($"tdm: {(code == ExitCodes.Cancelled ? "" : "error: ")}{message}");
            if (code == ExitCodes.Internal || Environment.GetEnvironmentVariable("TDM_DEBUG") == "1")
                _console.Error.WriteLine(e.ToString());
            return code;
        }
    }

    // The commands' actions are synchronous: the task is complete when InvokeAsync returns.
    private int Dispatch(IReadOnlyList<string> args, CancellationToken cancel) =>
        TdmParser.Parse(_root, args).InvokeAsync(_invocation, cancel).GetAwaiter().GetResult();

    private RootCommand BuildRoot(IEnumerable<ICommand> commands)
    {
        var root = new RootCommand(HelpText.Title);
        // Only -h and --help (not /h, -?, /?): a word such as '/?' stays an argument, as it always was.
        root.Options.Clear();
        root.Options.Add(new HelpOption("--help", "-h") { Recursive = true, Action = new ShowHelpAction() });
        root.Options.Add(new VersionOption { Action = new ShowVersionAction() });
        if (!root.Directives.OfType<SuggestDirective>().Any())
            root.Directives.Add(new SuggestDirective());
        // 'tdm' alone lists the commands, as --help does, but it did not run anything: exit 2.
        root.SetAction(result =>
        {
            result.InvocationConfiguration.Output.Write(HelpText.For(root));
            return ExitCodes.BadArguments;
        });

        foreach (var command in commands)
            (command.Group is null ? root : Group(root, command.Group)).Subcommands.Add(command.Create());
        root.Subcommands.Add(HelpCommand());
        return root;
    }

    private static Command Group(RootCommand root, string name)
    {
        if (root.Subcommands.FirstOrDefault(c => c.Name == name) is { } existing)
            return existing;
        var group = new Command(name, s_groups.GetValueOrDefault(name));
        int NeedsCommand(ParseResult _) => throw new UsageException(
            $"'tdm {name}' needs a command; one of: {string.Join(", ", TdmParser.Leaves(group).Select(CommandPath.Short))}");
        group.SetAction(NeedsCommand);
        root.Subcommands.Add(group);
        return group;
    }

    // 'tdm help restore' is 'tdm restore --help'; 'tdm help' is 'tdm --help'.
    private Command HelpCommand()
    {
        var words = new Argument<string[]>("COMMAND") { Arity = ArgumentArity.ZeroOrMore };
        var help = new DocumentedCommand("help", "Describes a command: 'tdm help restore' is 'tdm restore --help'.", "tdm help [COMMAND]") { Hidden = true };
        help.Arguments.Add(words);
        help.SetAction((result, cancel) => Task.FromResult(Dispatch([.. result.GetValue(words) ?? [], "--help"], cancel)));
        return help;
    }
}
