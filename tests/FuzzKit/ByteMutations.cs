using System.Text;
using CsCheck;

namespace Tdm.Tests.Fuzz;

/// <summary>
/// Inputs made by editing a seed corpus, the way afl and libFuzzer mutate: set or flip bytes, insert a dictionary
/// token, delete, duplicate or truncate a range, or replace the number or string at a position by a token. The
/// dictionary holds what broke readers before (issue 12: "\ud800", 1e400, 1e9, duplicate keys) and JSON's syntax.
/// CsCheck draws the seed and the edits, so a failure shrinks to fewer, smaller edits of the same seed.
/// </summary>
internal static class ByteMutations
{
    /// <summary>Tokens worth inserting into JSON inputs.</summary>
    public static readonly string[] JsonTokens =
    [
        "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u0000", "\\\"", "\"", "\\", "1e400", "-1e400", "1e9", "1e308", "-0", "0", "1", "-1",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "18446744073709551616", "4.5", "NaN", "Infinity",
        "null", "true", "false", "[]", "{}", "[", "]", "{", "}", ",", ":", " ", "\n", "/*", "*/", "//",
        "\"dtype\":", "\"shape\":", "\"data_offsets\":", "\"__metadata__\":", "\"F32\"", "\"F16\"", "\"BF16\"", "\"I64\"", "\"F4\"",
        "\"layers_per_block\":", "\"block_out_channels\":", "\"num_hidden_layers\":", "\"max_position_embeddings\":",
        "\"norm_num_groups\":", "\"attention_head_dim\":", "\"beta_end\":", "\"trained_betas\":", "\"_class_name\":",
        "[1e9]", "[0]", "[-1]", "[1,2,3,4,5,6,7,8,9]", "\"\\ud800\":1",
    ];

    // Plus bytes that are not UTF-8: a lone continuation byte, a broken pair, an encoded surrogate (CESU-8).
    private static readonly byte[][] s_tokens = [.. JsonTokens.Select(t => Encoding.UTF8.GetBytes(t)), [0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80]];

    /// <summary>One edit: what (0..7), where (a fraction of the length), how long, which token, which byte.</summary>
    public readonly record struct Edit(int Kind, double Where, int Length, int Token, byte Value);

    private static readonly Gen<Edit> s_edit = Gen.Select(Gen.Int[0, 7], Gen.Double[0, 1], Gen.Int[1, 64], Gen.Int[0, s_tokens.Length - 1], Gen.Byte,
        (kind, where, length, token, value) => new Edit(kind, where, length, token, value));

    /// <summary>Up to <paramref name="maxEdits"/> edits.</summary>
    public static Gen<Edit[]> Edits(int maxEdits = 6) => s_edit.Array[0, maxEdits];

    /// <summary>A seed from <paramref name="seeds"/> edited.</summary>
    public static Gen<byte[]> Of(IReadOnlyList<byte[]> seeds, int maxEdits = 6) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Edits(maxEdits), (seed, edits) => Apply(seeds[seed], edits));

    /// <summary>Applies <paramref name="edits"/> to a copy of <paramref name="seed"/>.</summary>
    public static byte[] Apply(byte[] seed, IEnumerable<Edit> edits)
    {
        var bytes = new List<byte>(seed);
        foreach (var e in edits)
        {
            int at = (int)(e.Where * bytes.Count);
            int end = Math.Min(bytes.Count, at + e.Length);
            switch (e.Kind)
            {
                case 0 when at < bytes.Count:
                    bytes[at] = e.Value;
                    break;
                case 1 when at < bytes.Count:
                    bytes[at] ^= (byte)(1 << (e.Value & 7));
                    break;
                case 2:
                    bytes.InsertRange(at, s_tokens[e.Token]);
                    break;
                case 3:
                    bytes.RemoveRange(at, end - at);
                    break;
                case 4:
                    bytes.InsertRange(at, bytes.GetRange(at, end - at));
                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    ReplaceValueAt(bytes, at, s_tokens[e.Token]);
                    break;
            }
        }
        return [.. bytes];
    }

    // The number (or quoted string) at or after <at> replaced by <token>: reaches values without breaking syntax.
    private static void ReplaceValueAt(List<byte> bytes, int at, byte[] token)
    {
        int i = at;
        while (i < bytes.Count && !(bytes[i] is (byte)'"' or (byte)'-' || (bytes[i] >= '0' && bytes[i] <= '9')))
            i++;
        if (i >= bytes.Count)
            return;
        int j = i + 1;
        if (bytes[i] == '"')
        {
            while (j < bytes.Count && bytes[j] != '"')
                j += bytes[j] == '\\' ? 2 : 1;
            j = Math.Min(bytes.Count, j + 1);
        }
        else
        {
            while (j < bytes.Count && (bytes[j] is (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-' || (bytes[j] >= '0' && bytes[j] <= '9')))
                j++;
        }
        bytes.RemoveRange(i, j - i);
        bytes.InsertRange(i, token);
    }
}
