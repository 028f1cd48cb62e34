using System.Runtime.InteropServices;
using System.Text;

namespace Tdm.OfxPlugin.Host;

/// <summary>NUL-terminated UTF-8 strings at the ABI boundary.</summary>
internal static unsafe class Utf8
{
    /// <summary>A new NUL-terminated UTF-8 copy of <paramref name="s"/>.</summary>
    public static byte[] Terminated(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    /// <summary><paramref name="prefix"/> (not terminated) followed by <paramref name="name"/>, NUL-terminated.</summary>
    public static byte[] Concat(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> name)
    {
        name = Trim(name);
        var bytes = new byte[prefix.Length + name.Length + 1];
        prefix.CopyTo(bytes);
        name.CopyTo(bytes.AsSpan(prefix.Length));
        return bytes;
    }

    /// <summary>The span without its trailing NUL, if any.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) => s.Length > 0 && s[^1] == 0 ? s[..^1] : s;

    /// <summary>Decodes a span for messages (without its NUL).</summary>
    public static string Decode(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(Trim(s));

    /// <summary>Decodes a host-owned C string; null pointers become "".</summary>
    public static string Decode(byte* p) => p == null ? "" : Marshal.PtrToStringUTF8((nint)p) ?? "";

    /// <summary>Whether the C string <paramref name="p"/> equals <paramref name="s"/> (NUL-terminated or not).</summary>
    public static bool Equals(byte* p, ReadOnlySpan<byte> s) =>
        p != null && MemoryMarshal.CreateReadOnlySpanFromNullTerminated(p).SequenceEqual(Trim(s));
}
