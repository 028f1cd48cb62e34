using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Tdm.Cli.CommandLine;

/// <summary>
/// Parses a command line with System.CommandLine and turns what it rejects into the one message tdm prints
/// ('tdm: error: ...', exit code 2): an unknown option with the nearest known one, a missing value, a repeated
/// option, a missing or extra argument, an unknown command with the commands there are. The options' own messages
/// (a value out of range, an unknown choice) pass through as they are.
/// </summary>
internal static class TdmParser
{
    /// <summary>
    /// No response files ("@args.txt" is a file name to tdm, as it always was) and no bundling of one-letter
    /// options: tdm's words mean what they say.
    /// </summary>
    public static readonly ParserConfiguration Configuration = new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    /// <summary>Parses <paramref name="args"/> against <paramref name="command"/>; a command line with an error is a <see cref="UsageException"/>.</summary>
    public static ParseResult Parse(Command command, IReadOnlyList<string> args)
    {
        var result = command.Parse(args, Configuration);
        // --help and [suggest] clear the errors of what they describe; only a command line that would run is checked.
        if (result.Action is ParseErrorAction)
            throw new UsageException(Describe(result));
        return result;
    }

    /// <summary>The message for the first problem of a parse that has errors.</summary>
    public static string Describe(ParseResult result)
    {
        var command = result.CommandResult.Command;
        return UnknownOption(result, command)
            ?? Unmatched(result, command)
            ?? OptionError(result)
            ?? MissingArgument(result, command)
            ?? result.Errors[0].Message;
    }

    // System.CommandLine passes a word it does not know as an option on as an argument; one that is not an option's
    // value (and not after "--") is a mistyped option, wherever it stands.
    private static string? UnknownOption(ParseResult result, Command command)
    {
        Token? previous = null;
        var optionsEnded = false;
        foreach (var token in result.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
                optionsEnded = true;
            else if (token.Type == TokenType.Argument && !optionsEnded && LooksLikeOption(token.Value) && !IsValueOf(previous, command))
                return Unknown(command, token.Value.Split('=')[0]);
            previous = token;
        }
        return null;
    }

    private static string? Unmatched(ParseResult result, Command command)
    {
        if (result.UnmatchedTokens.Count == 0)
            return null;
        var word = result.UnmatchedTokens[0];
        if (command is RootCommand)
            return $"unknown command '{word}'; commands: {string.Join(", ", Leaves(command).Select(CommandPath.Short))} ('tdm --help' says more)";
        if (command.Subcommands.Count > 0)
            return $"unknown command '{CommandPath.Of(command)} {word}'; one of: {string.Join(", ", Leaves(command).Select(CommandPath.Short))}";
        if (FlagBefore(result, command, word) is { } flag)
            return $"{flag.Name} is a flag and takes no value, got '{word}'";
        return command.Arguments.Count == 0
            ? $"'{CommandPath.Of(command)}' takes no arguments, got '{word}'; usage: {Usage(command)}"
            : $"unexpected argument '{word}'; usage: {Usage(command)}";
    }

    private static string? OptionError(ParseResult result)
    {
        foreach (var error in result.Errors)
        {
            var option = error.SymbolResult as OptionResult ?? (error.SymbolResult as ArgumentResult)?.Parent as OptionResult;
            if (option is null)
                continue;
            if (option.IdentifierTokenCount > 1)
                return CliOptions.GivenTwice(option.Option, (option.Parent as CommandResult)?.Command);
            if (option.Tokens.Count == 0 && option.Option.Arity.MinimumNumberOfValues > 0)
                return $"{option.Option.Name} needs a value: {option.Option.Name} {option.Option.HelpName}";
            return error.Message;
        }
        return null;
    }

    private static string? MissingArgument(ParseResult result, Command command)
    {
        if (!result.Errors.Any(e => e.SymbolResult is ArgumentResult a && command.Arguments.Contains(a.Argument)))
            return null;
        var needed = command.Arguments.Sum(a => a.Arity.MinimumNumberOfValues);
        var given = command.Arguments.Sum(a => result.GetResult(a)?.Tokens.Count ?? 0);
        return $"'{CommandPath.Of(command)}' needs {needed} argument(s), got {given}; usage: {Usage(command)}";
    }

    /// <summary>Every command that runs, under <paramref name="command"/>, in order ("models synth", not "models").</summary>
    public static IEnumerable<Command> Leaves(Command command) =>
        command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Subcommands.Count == 0 ? [c] : Leaves(c));

    private static string Usage(Command command) => command is DocumentedCommand d ? d.Usage : $"{CommandPath.Of(command)} [options]";

    // "-1" or "-0.5" is a number (an argument, or an option's value), not an option.
    private static bool LooksLikeOption(string word) =>
        word.Length > 1 && word[0] == '-' && !char.IsAsciiDigit(word[1]) && word[1] != '.';

    private static bool IsValueOf(Token? previous, Command command) =>
        previous is { Type: TokenType.Option } && Find(command, previous.Value) is { Arity.MaximumNumberOfValues: > 0 };

    private static Option? FlagBefore(ParseResult result, Command command, string word)
    {
        Token? previous = null;
        foreach (var token in result.Tokens)
        {
            if (token.Type == TokenType.Argument && token.Value == word && previous is { Type: TokenType.Option }
                && Find(command, previous.Value) is { Arity.MaximumNumberOfValues: 0 } flag)
                return flag;
            previous = token;
        }
        return null;
    }

    // The option a word names, on the command or inherited from above it (--help).
    private static Option? Find(Command command, string word)
    {
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
            foreach (var option in c.Options)
                if ((c == command || option.Recursive) && (option.Name == word || option.Aliases.Contains(word)))
                    return option;
        return null;
    }

    private static string Unknown(Command command, string name)
    {
        var nearest = Nearest(command, name);
        var hint = nearest is null ? "" : $" (did you mean {nearest}?)";
        var path = CommandPath.Of(command);
        return $"unknown option '{name}' for '{path}'{hint}; '{path} --help' lists the options";
    }

    private static string? Nearest(Command command, string name)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var option in command.Options)
        {
            var distance = EditDistance(name, option.Name);
            if (distance < bestDistance)
                (best, bestDistance) = (option.Name, distance);
        }
        // A suggestion two edits away or closer is a typo; further away it is noise.
        return bestDistance <= 2 ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
