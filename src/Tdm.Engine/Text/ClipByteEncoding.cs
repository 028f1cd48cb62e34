namespace Tdm.Engine.Text;

/// <summary>
/// CLIP's (and GPT-2's) reversible byte-to-character table: every byte value gets a printable character so that a
/// byte-level BPE vocabulary can be stored as text. Printable Latin-1 bytes map to themselves; the 68 others
/// (controls, space, DEL, NBSP, soft hyphen...) map to U+0100 upwards in byte order.
/// </summary>
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

    /// <summary>Byte value of a byte character, or -1 for a character that is not one.</summary>
    public static int CharToByte(char c)
    {
        if (c < 0x100 && IsKeptAsIs(c))
            return c;
        int shifted = c - 0x100;
        return shifted >= 0 && shifted < s_remapped.Length ? s_remapped[shifted] : -1;
    }

    private static readonly byte[] s_remapped = BuildRemapped();

    private static bool IsKeptAsIs(int b) => (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);

    private static char[] BuildByteToChar()
    {
        var table = new char[256];
        int next = 0;
        for (int b = 0; b < 256; b++)
            table[b] = IsKeptAsIs(b) ? (char)b : (char)(0x100 + next++);
        return table;
    }

    private static byte[] BuildRemapped()
    {
        var bytes = new List<byte>(68);
        for (int b = 0; b < 256; b++)
            if (!IsKeptAsIs(b))
                bytes.Add((byte)b);
        return [.. bytes];
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
