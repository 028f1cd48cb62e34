namespace Tdm.Engine.Text;

/// <summary>
/// CLIP's (and GPT-2's) reversible byte-to-character table: every byte value gets a printable character so that a
/// byte-level BPE vocabulary can be stored as text. Printable Latin-1 bytes map to themselves; the 68 others
/// (controls, space, DEL, NBSP, soft hyphen...) map to U+0100 upwards in byte order.
/// </summary>
/// <remarks>
/// Microsoft.ML.Tokenizers applies the same table itself when it encodes and decodes (BpeOptions.ByteLevel) but
/// does not expose it; this copy is only for writing synthetic vocabularies and for checking that a loaded one has
/// every byte symbol (the library silently drops a character it has no symbol for).
/// </remarks>
internal static class ClipByteEncoding
{
    /// <summary>Suffix CLIP appends to the last symbol of every word.</summary>
    public const string EndOfWord = "</w>";

    /// <summary>Character for each byte value.</summary>
    public static readonly char[] ByteToChar = BuildByteToChar();

    /// <summary>
    /// The 256 byte characters in vocabulary order: CLIP's vocab.json lists the printable ranges first
    /// ('!'..'~', '¡'..'¬', '®'..'ÿ'), then the remapped bytes in byte order. This is the order of ids 0..255.
    /// </summary>
    public static readonly char[] VocabularyOrder = BuildVocabularyOrder();

    private static bool IsKeptAsIs(int b) => (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);

    private static char[] BuildByteToChar()
    {
        var table = new char[256];
        int next = 0;
        for (int b = 0; b < 256; b++)
            table[b] = IsKeptAsIs(b) ? (char)b : (char)(0x100 + next++);
        return table;
    }

    private static char[] BuildVocabularyOrder()
    {
        var order = new char[256];
        int i = 0;
        for (int b = 0; b < 256; b++)
            if (IsKeptAsIs(b))
                order[i++] = (char)b;
        for (int b = 0; b < 256; b++)
            if (!IsKeptAsIs(b))
                order[i++] = ByteToChar[b];
        return order;
    }
}
