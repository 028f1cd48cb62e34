using Tdm.Engine.Checkpoints;
using Tdm.Tests;

namespace Tdm.Engine.Tests.Checkpoints;

/// <summary>Issue 12's header classes: every one a CheckpointException naming the file and what is wrong.</summary>
public partial class SafetensorsFileTests
{
    [Theory]
    [InlineData("""{"a\ud800":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "a\\ud800")]          // tensor name
    [InlineData("""{"a":{"dtype":"F3\udc00","shape":[2],"data_offsets":[0,8]}}""", "F3\\udc00")]          // dtype
    [InlineData("""{"__metadata__":{"k":"v\ud83d"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "v\\ud83d")] // metadata value
    [InlineData("""{"__metadata__":{"\udfff":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "\\udfff")]   // metadata key
    public void Open_StringEscapingALoneSurrogate_RefusedQuotingIt(string header, string raw)
    {
        using var dir = new TempFolder();
        var e = OpenFails(RawSafetensors.Write(dir.File("x.safetensors"), header, new byte[8]));
        Assert.Contains($"\"{raw}\"", e.Message);
        Assert.Contains("lone UTF-16 surrogate", e.Message);
    }

    [Fact]
    public void Open_SurrogatePair_Accepted()
    {
        using var dir = new TempFolder();
        using var f = SafetensorsFile.Open(RawSafetensors.Write(dir.File("x.safetensors"),
            """{"a\ud83d\ude00":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", new byte[8]));
        Assert.Equal("a\U0001F600", Assert.Single(f.Tensors.Keys));
    }

    [Theory]
    [InlineData("dtype", """{"a":{"dtype":"F32","dtype":"F16","shape":[2],"data_offsets":[0,8]}}""")]
    [InlineData("shape", """{"a":{"dtype":"F32","shape":[2],"shape":[4],"data_offsets":[0,8]}}""")]
    [InlineData("data_offsets", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4],"data_offsets":[0,8]}}""")]
    public void Open_DuplicateFieldInAnEntry_RefusedNamingTensorAndField(string field, string header)
    {
        using var dir = new TempFolder();
        var e = OpenFails(RawSafetensors.Write(dir.File("x.safetensors"), header, new byte[8]));
        Assert.Equal("a", e.TensorName);
        Assert.Contains($"has the field '{field}' twice", e.Message);
    }

    [Fact]
    public void Open_Fifo_RefusedWithoutOpeningIt()
    {
        using var dir = new TempFolder();
        string fifo = dir.File("pipe.safetensors");
        SpecialFiles.MakeFifo(fifo);
        var e = OpenFails(fifo);
        Assert.Contains("is a FIFO (named pipe), not a regular file", e.Message);
    }
}
