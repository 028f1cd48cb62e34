using System.Buffers.Binary;
using System.IO.Compression;
using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Media;

/// <summary>
/// 8-bit RGB PNG files. Written in-process (PNG 1.2: IHDR, one zlib IDAT of Paeth-filtered rows, IEND), because
/// starting an ffmpeg per image cost more than the rest of a training pair; read through ffmpeg.
/// </summary>
public static class PngFile
{
    private static readonly byte[] s_signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] s_crcTable = CrcTable();

    /// <summary>Writes <paramref name="frame"/> (alpha dropped, rounded to 8 bits) to <paramref name="path"/> atomically.</summary>
    public static void Write(Frame frame, string path) => AtomicFile.WriteAllBytes(path, Encode(frame));

    /// <summary>The PNG bytes of <paramref name="frame"/>.</summary>
    public static byte[] Encode(Frame frame)
    {
        int width = frame.Width, height = frame.Height, stride = width * 3;
        var previous = new byte[stride];
        var row = new byte[stride];
        var filtered = new byte[stride + 1];
        using var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                var pixels = frame.Pixels.AsSpan(y * width * 4, width * 4);
                for (var x = 0; x < width; x++)
                    for (var c = 0; c < 3; c++)
                        row[(x * 3) + c] = (byte)Math.Clamp(MathF.Round(pixels[(x * 4) + c] * 255f), 0f, 255f);
                filtered[0] = 4; // Paeth
                for (var i = 0; i < stride; i++)
                {
                    int a = i >= 3 ? row[i - 3] : 0, b = previous[i], c = i >= 3 ? previous[i - 3] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    var predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                    filtered[i + 1] = (byte)(row[i] - predictor);
                }
                zlib.Write(filtered);
                (previous, row) = (row, previous);
            }
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        using var png = new MemoryStream();
        png.Write(s_signature);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", data.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        Span<byte> name = [(byte)type[0], (byte)type[1], (byte)type[2], (byte)type[3]];
        png.Write(name);
        png.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, name), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        png.Write(word);
    }

    // CRC-32 (ISO 3309, reflected polynomial 0xEDB88320) as the PNG specification's sample code computes it.
    private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] CrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    /// <summary>Reads an image file of known size as RGBA.</summary>
    public static Frame Read(FfmpegTools tools, string path, int width, int height) =>
        Degradations.CompressionDegradation.DecodeFirstFrame(tools, path, width, height);

    /// <summary>Rounds a frame's samples to the 8-bit levels a PNG stores (in place) and returns it.</summary>
    public static Frame Quantise(Frame frame)
    {
        var pixels = frame.Pixels;
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = MathF.Round(Math.Clamp(pixels[i], 0f, 1f) * 255f) / 255f;
        return frame;
    }
}
