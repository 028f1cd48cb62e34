using System.Runtime.InteropServices;
using Tdm.Engine.Checkpoints;
using Tdm.Tests;

namespace Tdm.Engine.Tests.Checkpoints;

public partial class SafetensorsFileTests
{
    private static CheckpointException OpenFails(string path)
    {
        var e = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path).Dispose());
        Assert.Contains(Path.GetFileName(path), e.Message);
        Assert.Equal(Path.GetFullPath(path), e.FilePath);
        return e;
    }

    private static string Header(string tensors) => "{" + tensors + "}";

    [Fact]
    public void Open_ValidFile_ReadsTensorsMetadataAndData()
    {
        using var dir = new TempFolder();
        var data = new byte[16];
        new[] { 1.5f, -2f }.AsSpan().CopyTo(MemoryMarshal.Cast<byte, float>(data.AsSpan(0, 8)));
        BitConverter.TryWriteBytes(data.AsSpan(8), 42L);
        string path = RawSafetensors.Write(dir.File("ok.safetensors"),
            """{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I64","shape":[1],"data_offsets":[8,16]}}""",
            data);

        using var f = SafetensorsFile.Open(path);

        Assert.Equal(2, f.Tensors.Count);
        Assert.Equal("pt", f.Metadata["format"]);
        Assert.Equal([1.5f, -2f], f.ReadSingles("a"));
        Assert.Equal([42L], f.ReadInt64s("b"));
        Assert.Equal(f.FileLength - 16, f.DataStart);
        Assert.Equal(f.DataStart + 8, f["b"].FileOffset);
    }

    [Fact]
    public void Open_HeaderLengthPastEndOfFile_ThrowsNamingLengths()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), RawSafetensors.OneTensor, new byte[8], declaredLength: 5000);
        var e = OpenFails(path);
        Assert.Contains("header length 5000 runs past the end", e.Message);
    }

    [Fact]
    public void Open_HeaderOverLimit_Throws()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), RawSafetensors.OneTensor, new byte[8], declaredLength: 100_000_001);
        Assert.Contains("exceeds the 100000000-byte limit", OpenFails(path).Message);
    }

    [Fact]
    public void Open_InvalidJson_Throws()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), """{"a":{"dtype":"F32",""", new byte[8]);
        Assert.Contains("not valid JSON", OpenFails(path).Message);
    }

    [Fact]
    public void Open_InvalidUtf8InHeader_Throws()
    {
        using var dir = new TempFolder();
        string path = dir.File("t.safetensors");
        RawSafetensors.Write(path, """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"Xb":1}""", new byte[8]);
        var bytes = File.ReadAllBytes(path);
        bytes[8 + bytes.AsSpan(8).IndexOf((byte)'X')] = 0xFF;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("not valid JSON", OpenFails(path).Message);
    }

    [Fact]
    public void Open_HeaderNotAnObject_Throws()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), "[1,2,3]", []);
        Assert.Contains("must be a JSON object", OpenFails(path).Message);
    }

    [Fact]
    public void Open_HeaderWithLeadingWhitespace_Throws()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), " " + RawSafetensors.OneTensor, new byte[8]);
        Assert.Contains("must start with '{'", OpenFails(path).Message);
    }

    [Fact]
    public void Open_OverlappingOffsets_ThrowsNamingBothTensors()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), Header(
            """ "a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}"""), new byte[12]);
        var e = OpenFails(path);
        Assert.Equal("b", e.TensorName);
        Assert.Contains("overlaps tensor 'a'", e.Message);
    }

    [Fact]
    public void Open_OffsetsPastDataSection_ThrowsNamingTensor()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), Header(
            """ "a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}"""), new byte[8]);
        var e = OpenFails(path);
        Assert.Equal("a", e.TensorName);
        Assert.Contains("run past the 8-byte data section", e.Message);
    }

    [Fact]
    public void Open_HoleBetweenTensors_Throws()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), Header(
            """ "a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}"""), new byte[12]);
        var e = OpenFails(path);
        Assert.Equal("b", e.TensorName);
        Assert.Contains("hole of 4 bytes", e.Message);
    }

    [Fact]
    public void Open_TrailingBytesAfterLastTensor_Throws()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), RawSafetensors.OneTensor, new byte[12]);
        var e = OpenFails(path);
        Assert.Equal("a", e.TensorName);
        Assert.Contains("4 bytes after the last tensor", e.Message);
    }

    [Theory]
    [InlineData("F33")]
    [InlineData("f32")]
    [InlineData("9")]
    [InlineData("F16,F32")]
    [InlineData(" F32")]
    public void Open_UnknownDType_ThrowsNamingIt(string dtype)
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), Header(
            $$""" "a":{"dtype":"{{dtype}}","shape":[2],"data_offsets":[0,8]}"""), new byte[8]);
        var e = OpenFails(path);
        Assert.Equal("a", e.TensorName);
        Assert.Contains($"unknown dtype \"{dtype}\"", e.Message);
    }

    [Fact]
    public void Open_SubByteDType_ThrowsSayingUnsupported()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), Header(
            """ "a":{"dtype":"F4","shape":[2],"data_offsets":[0,1]}"""), new byte[1]);
        Assert.Contains("sub-byte dtype F4", OpenFails(path).Message);
    }

    [Fact]
    public void Open_ByteLengthNotMatchingShape_Throws()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), Header(
            """ "a":{"dtype":"F16","shape":[3],"data_offsets":[0,8]}"""), new byte[8]);
        var e = OpenFails(path);
        Assert.Equal("a", e.TensorName);
        Assert.Contains("needs 6 bytes but data_offsets [0, 8] hold 8", e.Message);
    }

    [Theory]
    [InlineData("""{"__metadata__":["x"],"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "__metadata__ must be an object")]
    [InlineData("""{"__metadata__":{"n":3},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "__metadata__ entry 'n' is Number")]
    public void Open_BadMetadata_Throws(string header, string expected)
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), header, new byte[8]);
        Assert.Contains(expected, OpenFails(path).Message);
    }

    [Theory]
    [InlineData(""" "a":{"dtype":"F32","shape":[2],"data_offsets":["0","8"]}""", "invalid data_offsets")]
    [InlineData(""" "a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}""", "invalid data_offsets")]
    [InlineData(""" "a":{"dtype":"F32","shape":[2],"data_offsets":[0]}""", "no [begin, end] data_offsets")]
    [InlineData(""" "a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}""", "invalid shape")]
    [InlineData(""" "a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}""", "invalid shape")]
    [InlineData(""" "a":{"dtype":"F32","data_offsets":[0,8]}""", "no shape array")]
    [InlineData(""" "a":{"shape":[2],"data_offsets":[0,8]}""", "no dtype")]
    [InlineData(""" "a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":1}""", "unexpected field 'extra'")]
    [InlineData(""" "a":[1]""", "not an object")]
    [InlineData(""" "a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}""", "too large")]
    public void Open_MalformedTensorEntry_ThrowsNamingTensor(string entry, string expected)
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), Header(entry), new byte[8]);
        var e = OpenFails(path);
        Assert.Equal("a", e.TensorName);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Open_DuplicateTensorName_Throws()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), Header(
            """ "a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}"""), new byte[8]);
        Assert.Contains("appears twice", OpenFails(path).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Open_FileShorterThanLengthField_Throws(int bytes)
    {
        using var dir = new TempFolder();
        string path = dir.File("t.safetensors");
        File.WriteAllBytes(path, new byte[bytes]);
        Assert.Contains($"{bytes} bytes is too short", OpenFails(path).Message);
    }

    [Fact]
    public void Open_ZeroSizedTensorsAndScalar_Accepted()
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File("t.safetensors"), Header(
            """ "e":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]},"s":{"dtype":"F32","shape":[],"data_offsets":[0,4]}"""), new byte[4]);
        using var f = SafetensorsFile.Open(path);
        Assert.Equal(0, f["e"].ElementCount);
        Assert.Equal(1, f["s"].ElementCount);
    }

    [Fact]
    public void Open_Folder_ThrowsSayingItIsAFolder()
    {
        using var dir = new TempFolder();
        Assert.Contains("is a folder", OpenFails(dir.Path).Message);
    }

    [Fact]
    public void Open_MissingFile_Throws()
    {
        using var dir = new TempFolder();
        Assert.Contains("no such file", OpenFails(dir.File("missing.safetensors")).Message);
    }

    [Fact]
    public void Indexer_MissingTensor_ThrowsNamingIt()
    {
        using var dir = new TempFolder();
        using var f = SafetensorsFile.Open(RawSafetensors.Write(dir.File("t.safetensors"), RawSafetensors.OneTensor, new byte[8]));
        var e = Assert.Throws<CheckpointException>(() => f["zzz"]);
        Assert.Equal("zzz", e.TensorName);
    }

    [Fact]
    public void ReadSingles_IntegerTensor_Throws()
    {
        using var dir = new TempFolder();
        using var f = SafetensorsFile.Open(RawSafetensors.Write(dir.File("t.safetensors"), Header(
            """ "i":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}"""), new byte[8]));
        Assert.Contains("not a floating-point weight", Assert.Throws<CheckpointException>(() => f.ReadSingles("i")).Message);
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndDataAccessAfterwardThrows()
    {
        using var dir = new TempFolder();
        var f = SafetensorsFile.Open(RawSafetensors.Write(dir.File("t.safetensors"), RawSafetensors.OneTensor, new byte[8]));
        var t = f["a"];
        f.Dispose();
        f.Dispose();
        Assert.Throws<ObjectDisposedException>(() => f.ReadSingles("a"));
        Assert.Throws<ObjectDisposedException>(() => { unsafe { _ = f.DataPointer(t); } });
    }

    [Fact]
    public void Open_EveryGoldenFile_OpensAndTilesItsDataSection()
    {
        var files = Directory.GetFiles(Golden.Root, "*.safetensors", SearchOption.AllDirectories);
        Assert.True(files.Length >= 17, $"expected the golden folder's safetensors files, found {files.Length}");
        foreach (var path in files)
        {
            using var f = SafetensorsFile.Open(path);
            Assert.NotEmpty(f.Tensors);
            Assert.Equal(f.FileLength - f.DataStart, f.Tensors.Values.Sum(t => t.ByteLength));
        }
    }

    [Fact]
    public void ReadInt64s_GoldenPositionIdsAndTimesteps_AreExact()
    {
        using (var te = SafetensorsFile.Open(Golden.Path("models", "text_encoder", "model.safetensors")))
            Assert.Equal(Enumerable.Range(0, 77).Select(i => (long)i), te.ReadInt64s("text_model.embeddings.position_ids"));
        using var s = SafetensorsFile.Open(Golden.Path("vectors", "scheduler.safetensors"));
        Assert.Equal([901L, 801, 701, 601, 501, 401, 301, 201, 101, 1], s.ReadInt64s("ddim.10.timesteps"));
    }

    // torch.linspace in float32 then squaring: our double computation agrees to float32 rounding.
    private const double BetaRelativeTolerance = 1e-6;

    [Fact]
    public void ReadSingles_GoldenBetas_MatchScaledLinearScheduleWithinFloat32Rounding()
    {
        using var s = SafetensorsFile.Open(Golden.Path("vectors", "scheduler.safetensors"));
        float[] betas = s.ReadSingles("betas");
        Assert.Equal(1000, betas.Length);
        double a = Math.Sqrt(0.00085), b = Math.Sqrt(0.012);
        double worst = 0;
        for (int i = 0; i < betas.Length; i++)
        {
            double expected = Math.Pow(a + i * (b - a) / 999, 2);
            worst = Math.Max(worst, Math.Abs(betas[i] - expected) / expected);
        }
        Assert.True(worst <= BetaRelativeTolerance, $"betas differ by {worst:E2} relative, tolerance {BetaRelativeTolerance:E0}");
    }

    [Fact]
    public void GetBytes_GoldenUint8Frames_HasTheShapesBytes()
    {
        using var f = SafetensorsFile.Open(Golden.Path("e2e", "input_video.safetensors"));
        var t = f["frames_uint8"];
        Assert.Equal(SafetensorsDType.U8, t.DType);
        Assert.Equal([5L, 3, 64, 128], t.Shape);
        Assert.Equal(5 * 3 * 64 * 128, f.GetBytes(t).Length);
    }
}
