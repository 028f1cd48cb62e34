using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Tests.Checkpoints;

public class SafetensorsWriterTests
{
    [Fact]
    public void Write_ThenOpen_RoundTripsEveryTensorInOrderWithMetadata()
    {
        using var dir = new TempFolder();
        string path = dir.File("rt.safetensors");
        float[] w = [1f, -2.5f, 3.25f, 1e-8f, 65504f, -0f];
        byte[] u8 = [0, 1, 254, 255];
        SafetensorsWriter.Write(path,
        [
            SafetensorsWriterEntry.FromSingles("w", [2, 3], w),
            SafetensorsWriterEntry.FromBytes("u", SafetensorsDType.U8, [4], u8),
            SafetensorsWriterEntry.FromBytes("i", SafetensorsDType.I64, [2], BitConverter.GetBytes(7L).Concat(BitConverter.GetBytes(-9L)).ToArray()),
            SafetensorsWriterEntry.FromBytes("empty", SafetensorsDType.F32, [0], Array.Empty<byte>()),
        ], new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"" });

        using var f = SafetensorsFile.Open(path);
        Assert.Equal(w, f.ReadSingles("w"));
        Assert.Equal([2L, 3], f["w"].Shape);
        Assert.Equal(u8, f.GetBytes(f["u"]).ToArray());
        Assert.Equal([7L, -9L], f.ReadInt64s("i"));
        Assert.Equal(0, f["empty"].ByteLength);
        Assert.Equal("ünïcode \"quoted\"", f.Metadata["note"]);
        Assert.Equal(["w", "u", "i", "empty"], f.Tensors.Values.OrderBy(t => t.Begin).ThenBy(t => t.End).Select(t => t.Name));
        Assert.Equal([0L, 24, 28, 44], f.Tensors.Values.OrderBy(t => t.Begin).ThenBy(t => t.End).Select(t => t.Begin));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("abcdefg")]
    public void Write_AnyNameLength_DataSectionStartsAtMultipleOf8(string name)
    {
        using var dir = new TempFolder();
        string path = dir.File("t.safetensors");
        SafetensorsWriter.Write(path, [SafetensorsWriterEntry.FromSingles(name, [1], [1f])]);
        using var f = SafetensorsFile.Open(path);
        Assert.Equal(0, f.DataStart % 8);
        string header = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path), 8, (int)f.DataStart - 8);
        string json = header.TrimEnd(' ');
        Assert.EndsWith("}", json);
        Assert.InRange(header.Length - json.Length, 0, 7); // padding is spaces only, less than one 8-byte word
    }

    [Fact]
    public void Write_FromSinglesAsF16AndBF16_StoresRoundedValues()
    {
        using var dir = new TempFolder();
        string path = dir.File("t.safetensors");
        float[] v = [1f, 1.0009765625f /* 1 + 2^-10 */, 3.14159265f, -1e5f];
        SafetensorsWriter.Write(path,
        [
            SafetensorsWriterEntry.FromSingles("h", [4], v, SafetensorsDType.F16),
            SafetensorsWriterEntry.FromSingles("b", [4], v, SafetensorsDType.BF16),
        ]);
        using var f = SafetensorsFile.Open(path);
        Assert.Equal(v.Select(x => (float)(Half)x), f.ReadSingles("h"));
        // bfloat16 keeps 8 significant bits: 3.14159 -> 3.140625, 1 + 2^-10 -> 1, -1e5 -> -99840.
        Assert.Equal([1f, 1f, 3.140625f, -99840f], f.ReadSingles("b"));
    }

    [Fact]
    public void Write_CallbackWritesTooFewBytes_ThrowsAndLeavesNoFile()
    {
        using var dir = new TempFolder();
        string path = dir.File("t.safetensors");
        var e = Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(path,
            [new SafetensorsWriterEntry("w", SafetensorsDType.F32, [4], s => s.Write(new byte[12]))]));
        Assert.Contains("wrote 12 bytes, its shape and dtype need 16", e.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Write_CallbackWritesTooManyBytes_Throws()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(dir.File("t.safetensors"),
            [new SafetensorsWriterEntry("w", SafetensorsDType.F32, [1], s => s.Write(new byte[8]))]));
        Assert.Contains("more than its 4 bytes", e.Message);
    }

    [Fact]
    public void Write_DuplicateOrReservedName_Throws()
    {
        using var dir = new TempFolder();
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(dir.File("t.safetensors"),
            [SafetensorsWriterEntry.FromSingles("a", [1], [1f]), SafetensorsWriterEntry.FromSingles("a", [1], [1f])]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(dir.File("t.safetensors"),
            [SafetensorsWriterEntry.FromSingles("__metadata__", [1], [1f])]));
    }

    [Fact]
    public void Write_CallbacksRunOnceInFileOrder()
    {
        using var dir = new TempFolder();
        var order = new List<string>();
        SafetensorsWriterEntry Entry(string n) => new(n, SafetensorsDType.U8, [3], s => { order.Add(n); s.Write(new byte[3]); });
        SafetensorsWriter.Write(dir.File("t.safetensors"), [Entry("z"), Entry("a"), Entry("m")]);
        Assert.Equal(["z", "a", "m"], order);
    }

    [Fact]
    public void Write_ExistingFile_IsReplaced()
    {
        using var dir = new TempFolder();
        string path = dir.File("t.safetensors");
        File.WriteAllText(path, "old");
        SafetensorsWriter.Write(path, [SafetensorsWriterEntry.FromSingles("a", [1], [2f])]);
        using var f = SafetensorsFile.Open(path);
        Assert.Equal([2f], f.ReadSingles("a"));
    }
}
