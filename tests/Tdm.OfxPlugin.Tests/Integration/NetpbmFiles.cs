using System.Buffers.Binary;
using System.Text;
using Tdm.Engine.Imaging;

namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>
/// The image files the native host reads and writes: PFM (32-bit float RGB, rows bottom to top, little-endian when
/// the scale is negative), PPM P6 and PAM P7 (8-bit, or 16-bit big-endian when maxval > 255, rows top to bottom).
/// Frames are the engine's (RGBA, top row first); integer samples map to value / maxval.
/// </summary>
public static class NetpbmFiles
{
    /// <summary>Writes RGB floats exactly (alpha is not stored).</summary>
    public static void WritePfm(string path, Frame f)
    {
        using var s = File.Create(path);
        s.Write(Encoding.ASCII.GetBytes($"PF\n{f.Width} {f.Height}\n-1.0\n"));
        var row = new byte[f.Width * 12];
        for (var fy = f.Height - 1; fy >= 0; fy--)
        {
            for (var x = 0; x < f.Width; x++)
                for (var c = 0; c < 3; c++)
                    BinaryPrimitives.WriteSingleLittleEndian(row.AsSpan(((x * 3) + c) * 4), f[x, fy][c]);
            s.Write(row);
        }
    }

    /// <summary>Writes RGB with <paramref name="maxval"/> 255 or 65535; values must already be multiples of 1/maxval.</summary>
    public static void WritePpm(string path, Frame f, int maxval)
    {
        using var s = File.Create(path);
        s.Write(Encoding.ASCII.GetBytes($"P6\n{f.Width} {f.Height}\n{maxval}\n"));
        var bytes = maxval > 255 ? 2 : 1;
        var row = new byte[f.Width * 3 * bytes];
        for (var fy = 0; fy < f.Height; fy++)
        {
            for (var x = 0; x < f.Width; x++)
                for (var c = 0; c < 3; c++)
                    Put(row, ((x * 3) + c) * bytes, bytes, (int)MathF.Round(f[x, fy][c] * maxval));
            s.Write(row);
        }
    }

    /// <summary>Reads PFM, PPM or PAM into a frame (alpha 1 where the file has none).</summary>
    public static Frame Read(string path)
    {
        var data = File.ReadAllBytes(path);
        var pos = 0;
        var magic = Token(data, ref pos);
        if (magic == "PF")
        {
            int w = int.Parse(Token(data, ref pos)), h = int.Parse(Token(data, ref pos));
            var little = double.Parse(Token(data, ref pos), System.Globalization.CultureInfo.InvariantCulture) < 0;
            pos++;
            var f = new Frame(w, h);
            for (var fy = h - 1; fy >= 0; fy--)
                for (var x = 0; x < w; x++)
                {
                    for (var c = 0; c < 3; c++, pos += 4)
                        f[x, fy][c] = little ? BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(pos)) : BinaryPrimitives.ReadSingleBigEndian(data.AsSpan(pos));
                    f[x, fy][3] = 1f;
                }
            return f;
        }
        int width, height, depth, maxval;
        if (magic == "P6")
        {
            width = int.Parse(Token(data, ref pos));
            height = int.Parse(Token(data, ref pos));
            maxval = int.Parse(Token(data, ref pos));
            depth = 3;
        }
        else if (magic == "P7")
        {
            (width, height, depth, maxval) = (0, 0, 0, 0);
            for (var key = Token(data, ref pos); key != "ENDHDR"; key = Token(data, ref pos))
            {
                var value = Token(data, ref pos);
                switch (key)
                {
                    case "WIDTH": width = int.Parse(value); break;
                    case "HEIGHT": height = int.Parse(value); break;
                    case "DEPTH": depth = int.Parse(value); break;
                    case "MAXVAL": maxval = int.Parse(value); break;
                }
            }
        }
        else
        {
            throw new InvalidDataException($"{path}: unknown image format {magic}");
        }
        pos++;
        var bytes = maxval > 255 ? 2 : 1;
        var frame = new Frame(width, height);
        for (var fy = 0; fy < height; fy++)
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < depth; c++, pos += bytes)
                    frame[x, fy][c] = (bytes == 2 ? (data[pos] << 8) | data[pos + 1] : data[pos]) / (float)maxval;
                if (depth == 3)
                    frame[x, fy][3] = 1f;
            }
        return frame;
    }

    private static void Put(byte[] row, int at, int bytes, int v)
    {
        if (bytes == 2)
        {
            row[at] = (byte)(v >> 8);
            row[at + 1] = (byte)v;
        }
        else
        {
            row[at] = (byte)v;
        }
    }

    private static string Token(byte[] data, ref int pos)
    {
        while (pos < data.Length && (char.IsWhiteSpace((char)data[pos]) || data[pos] == '#'))
        {
            if (data[pos] == '#')
                while (pos < data.Length && data[pos] != '\n')
                    pos++;
            else
                pos++;
        }
        var start = pos;
        while (pos < data.Length && !char.IsWhiteSpace((char)data[pos]))
            pos++;
        return Encoding.ASCII.GetString(data, start, pos - start);
    }
}
