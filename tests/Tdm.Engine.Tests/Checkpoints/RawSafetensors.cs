using System.Text;

namespace Tdm.Engine.Tests.Checkpoints;

/// <summary>Hand-made safetensors bytes for the reader's error cases (the writer only makes valid files).</summary>
internal static class RawSafetensors
{
    /// <summary>Writes the 8-byte length (<paramref name="declaredLength"/> or the header's), the header and
    /// <paramref name="data"/> to <paramref name="path"/>.</summary>
    public static string Write(string path, string header, byte[]? data = null, ulong? declaredLength = null)
    {
        byte[] h = Encoding.UTF8.GetBytes(header);
        using var f = System.IO.File.Create(path);
        Span<byte> len = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(len, declaredLength ?? (ulong)h.Length);
        f.Write(len);
        f.Write(h);
        if (data != null)
            f.Write(data);
        return path;
    }

    /// <summary>A valid single-tensor header: F32 [2] at [0, 8).</summary>
    public const string OneTensor = """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""";
}
