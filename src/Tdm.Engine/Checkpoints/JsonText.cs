using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// Checks on JSON read from a user's files that System.Text.Json leaves to the moment a string is read: an escape of
/// a lone UTF-16 surrogate ("\ud800") parses, then throws InvalidOperationException when the string is decoded. The
/// reference safetensors implementation (serde_json) and Python's json both refuse such text; so do we, up front,
/// with the raw text and where it is.
/// </summary>
internal static class JsonText
{
    /// <summary>A string that does not decode: its raw (escaped) text, its byte offset, and the top-level field it is
    /// in (raw; null for the root's own keys).</summary>
    public readonly record struct BadString(string Raw, long Offset, string? Field);

    /// <summary>The first property name or string value of <paramref name="utf8"/> that escapes a lone surrogate,
    /// or null when every string decodes. Syntax errors are left to the caller's parser (null here).</summary>
    public static BadString? FindUndecodableString(ReadOnlySpan<byte> utf8, JsonReaderOptions options = default)
    {
        var reader = new Utf8JsonReader(utf8, options);
        string? field = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String))
                    continue;
                bool topLevelName = reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1;
                if (!reader.ValueIsEscaped)
                {
                    if (topLevelName)
                        field = Encoding.UTF8.GetString(reader.ValueSpan);
                    continue;
                }
                try
                {
                    string text = reader.GetString()!;
                    if (topLevelName)
                        field = text;
                }
                catch (InvalidOperationException)
                {
                    string raw = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                    return new BadString(raw, reader.TokenStartIndex, topLevelName ? null : field);
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    /// <summary>The sentence for <paramref name="bad"/>: what is wrong and where ("the string \"a\ud800\" at byte
    /// 12 (in \"key\") escapes a lone UTF-16 surrogate, which is not text").</summary>
    public static string Describe(BadString bad, long offsetBase = 0) =>
        $"the string \"{bad.Raw}\" at byte {bad.Offset + offsetBase}{(bad.Field is { } f ? $" (in \"{f}\")" : "")} escapes a lone UTF-16 " +
        "surrogate (\\ud800-\\udfff without its pair), which is not text";
}
