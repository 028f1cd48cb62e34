using System.Buffers.Binary;

namespace Tdm.Engine.Checkpoints;

/// <summary>Refuses PyTorch pickle checkpoints: unpickling runs arbitrary code, so we never open them.</summary>
internal static class PickleGuard
{
    private static readonly string[] s_pickleExtensions = [".ckpt", ".pth", ".pt", ".bin", ".pkl", ".pickle"];

    /// <summary>True when <paramref name="path"/>'s extension is one PyTorch uses for pickles.</summary>
    public static bool HasPickleExtension(string path) =>
        s_pickleExtensions.Contains(System.IO.Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Throws when <paramref name="path"/> is a pickle by name or by content.</summary>
    public static void ThrowIfPickle(string path)
    {
        ThrowIfPickleName(path);
        Span<byte> head = stackalloc byte[9];
        long length;
        int n;
        using (var f = System.IO.File.OpenRead(path))
        {
            length = f.Length;
            n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        ThrowIfPickleContent(path, head[..n], length);
    }

    /// <summary>Throws when the extension is a pickle's (.ckpt, .pth, .pt, .bin, .pkl, .pickle).</summary>
    public static void ThrowIfPickleName(string path)
    {
        if (HasPickleExtension(path))
            throw new CheckpointException(path,
                $"{path}: is a PyTorch pickle checkpoint ({System.IO.Path.GetExtension(path)}); loading one can run arbitrary code, so TDM refuses it. " +
                "Use the .safetensors version of the model (most model pages offer one).");
    }

    /// <summary>Throws when the first bytes of a file of <paramref name="fileLength"/> bytes are a pickle's or a
    /// PyTorch zip archive's rather than a safetensors header.</summary>
    public static void ThrowIfPickleContent(string path, ReadOnlySpan<byte> head, long fileLength)
    {
        if (LooksLikeSafetensors(head, fileLength))
            return;
        // A raw pickle starts with PROTO (0x80) and a protocol 2..5; PyTorch's zip format starts with "PK\x03\x04".
        bool pickle = head.Length >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5;
        bool zip = head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4;
        if (pickle || zip)
            throw new CheckpointException(path,
                $"{path}: is named like a safetensors file but holds a PyTorch {(zip ? "zip/pickle archive" : "pickle")}; " +
                "loading one can run arbitrary code, so TDM refuses it. Use a real .safetensors file.");
    }

    // A safetensors file starts with a plausible header length and '{'; such a file is never taken for a pickle
    // even when its length bytes happen to read 0x80 0x02 (a 640-byte header does).
    private static bool LooksLikeSafetensors(ReadOnlySpan<byte> head, long fileLength)
    {
        if (head.Length < 9)
            return false;
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(head);
        return n <= SafetensorsFile.MaxHeaderLength && 8 + (long)n <= fileLength && head[8] == (byte)'{';
    }
}
