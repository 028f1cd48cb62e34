namespace Tdm.Cli;

/// <summary>
/// Where a command writes: machine-readable output on <see cref="Out"/>, people's messages and the progress bar on
/// <see cref="Error"/>. Tests pass string writers; the program passes the process's streams.
/// </summary>
internal sealed class CliConsole(TextWriter output, TextWriter error, bool errorIsTerminal)
{
    /// <summary>Standard output: results, and the JSON progress lines.</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Standard error: messages and the progress bar.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>Whether <see cref="Error"/> is a terminal, so a progress bar may redraw in place.</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    /// <summary>The process's own console.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);
}
