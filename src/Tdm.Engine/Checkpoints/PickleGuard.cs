namespace Tdm.Engine.Checkpoints;

/// <summary>Refuses PyTorch pickle checkpoints: unpickling runs arbitrary code, so we never open them.</summary>
internal static class PickleGuard
{
    private static readonly string[] s_pickleExtensions = [".ckpt", ".pth", ".pt", ".bin", ".pkl", ".pickle"];

    public static void ThrowIfPickle(string path)
    {
        string ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (s_pickleExtensions.Contains(ext) || LooksLikePickle(path))
            throw new CheckpointException(path,
                $"{path}: is a PyTorch pickle checkpoint ({ext}); loading one can run arbitrary code, so TDM refuses it. " +
                "Use the .safetensors version of the model (most model pages offer one).");
    }

    // A raw pickle starts with PROTO (0x80) and a protocol 2..5; PyTorch's zip format starts with "PK\x03\x04".
    private static bool LooksLikePickle(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var f = File.OpenRead(path);
        int n = f.Read(head);
        return (n >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5)
            || (n >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4);
    }
}
