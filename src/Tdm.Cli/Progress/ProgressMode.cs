namespace Tdm.Cli.Progress;

/// <summary>How a long command reports progress (--progress).</summary>
internal enum ProgressMode
{
    /// <summary>A bar on stderr: redrawn in place on a terminal, a line every few seconds otherwise.</summary>
    Bar,
    /// <summary>One JSON object per line on stdout, for render farms.</summary>
    Json,
    /// <summary>Nothing but errors.</summary>
    None,
}
