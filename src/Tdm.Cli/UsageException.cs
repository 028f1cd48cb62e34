namespace Tdm.Cli;

/// <summary>
/// A command line that cannot be run as typed: an unknown option, a missing or malformed value. Exit code 2; the
/// message names the option, the value given and what was expected.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
