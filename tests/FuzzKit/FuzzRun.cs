using CsCheck;

namespace Tdm.Tests.Fuzz;

/// <summary>
/// How long each fuzz target runs. CI runs every target for its default iteration count (the whole harness well
/// under two minutes on two cores); a longer run sets TDM_FUZZ_ITERATIONS (per target) or TDM_FUZZ_SECONDS (per
/// target, overrides the count), and TDM_FUZZ_SEED replays the seed a failure printed. CsCheck generates, runs the
/// property on every core and, on a failure, shrinks the input and prints it with its seed. With TDM_FUZZ_REPORT
/// naming a file, each target appends how many inputs it ran and for how long.
/// </summary>
internal static class FuzzRun
{
    public const string IterationsVariable = "TDM_FUZZ_ITERATIONS";
    public const string SecondsVariable = "TDM_FUZZ_SECONDS";
    public const string SeedVariable = "TDM_FUZZ_SEED";
    public const string ReportVariable = "TDM_FUZZ_REPORT";

    /// <summary>Runs <paramref name="property"/> on inputs from <paramref name="gen"/>.</summary>
    public static void Sample<T>(Gen<T> gen, Action<T> property, long defaultIterations, Func<T, string>? print = null,
        [System.Runtime.CompilerServices.CallerFilePath] string file = "", [System.Runtime.CompilerServices.CallerMemberName] string target = "")
    {
        long iterations = long.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), out var i) && i > 0 ? i : defaultIterations;
        int seconds = int.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), out var s) && s > 0 ? s : -1;
        string? seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } given ? given : null;
        long ran = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string outcome = "failed";
        try
        {
            gen.Sample(x =>
            {
                Interlocked.Increment(ref ran);
                property(x);
            }, seed: seed, iter: iterations, time: seconds, print: print);
            outcome = "passed";
        }
        finally
        {
            if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } report)
                File.AppendAllText(report, FormattableString.Invariant(
                    $"{Path.GetFileNameWithoutExtension(file)}.{target}: {outcome}, {Interlocked.Read(ref ran)} inputs in {clock.Elapsed.TotalSeconds:F1} s\n"));
        }
    }

    /// <summary>Bytes as text for a failure report: printable ASCII kept, the rest escaped, at most 4,000 chars.</summary>
    public static string Show(byte[] bytes)
    {
        var text = new System.Text.StringBuilder(Math.Min(bytes.Length, 4000) + 32).Append(bytes.Length).Append(" bytes: ");
        foreach (byte b in bytes)
        {
            if (text.Length > 4000)
                return text.Append("...").ToString();
            if (b is >= 0x20 and < 0x7F && b != (byte)'\\')
                text.Append((char)b);
            else
                text.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
