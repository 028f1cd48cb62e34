using System.Reflection;

namespace Tdm.Engine.Tests;

/// <summary>
/// The engine's public surface is declared in src/Tdm.Engine/PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt (the
/// PublicApiAnalyzers also fail the build on a difference). This test holds the type list to the declaration, so a
/// type made public or internal without the files saying so fails here too.
/// </summary>
public class PublicApiTests
{
    /// <summary>What the shells need: the facade, settings and options, frames, inspection, synthesis, diagnostics.</summary>
    private const int MaxPublicTypes = 30;

    [Fact]
    public void PublicTypes_OfTheEngine_AreExactlyTheDeclaredOnes()
    {
        var declared = DeclaredLines()
            .Where(l => !l.Contains(' ', StringComparison.Ordinal) && !l.Contains('(', StringComparison.Ordinal))
            .Where(l => !l.Contains(".get", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var exported = typeof(TdmEngine).Assembly.GetExportedTypes().Select(t => t.FullName!.Replace('+', '.')).ToHashSet(StringComparer.Ordinal);
        var undeclared = exported.Except(declared).Order().ToList();
        var gone = declared.Where(d => !exported.Contains(d) && !IsMember(d, exported)).Order().ToList();
        Assert.True(undeclared.Count == 0, $"public but not in PublicAPI.*.txt: {string.Join(", ", undeclared)}");
        Assert.True(gone.Count == 0, $"declared in PublicAPI.*.txt but not public: {string.Join(", ", gone)}");
        Assert.True(exported.Count <= MaxPublicTypes, $"{exported.Count} public engine types, at most {MaxPublicTypes}: {string.Join(", ", exported.Order())}");
    }

    // A declared line without spaces or parentheses is a type, or a member such as "T.Field" or "T.Member.get".
    private static bool IsMember(string line, HashSet<string> types) =>
        line.LastIndexOf('.') is int dot and > 0 && types.Contains(line[..dot]);

    private static IEnumerable<string> DeclaredLines()
    {
        var folder = Path.Combine(Tdm.Tests.Golden.RepositoryRoot, "src", "Tdm.Engine");
        return new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" }
            .SelectMany(f => File.ReadAllLines(Path.Combine(folder, f)))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
    }
}
