using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Tdm.Engine.Text;

/// <summary>
/// CLIP's text cleanup as the library's normalizer: whitespace runs become one space, the ends are trimmed, the
/// text is lower-cased. CLIP's ftfy repair and HTML unescaping are not part of it (see <see cref="ClipTokenizer"/>).
/// </summary>
internal sealed partial class ClipTextCleanup : Normalizer
{
    public static ClipTextCleanup Instance { get; } = new();

    private ClipTextCleanup() { }

    public override string Normalize(string original) =>
        Whitespace().Replace(original, " ").Trim().ToLowerInvariant();

    public override string Normalize(ReadOnlySpan<char> original) => Normalize(original.ToString());

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
