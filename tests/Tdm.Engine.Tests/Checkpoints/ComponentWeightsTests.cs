using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Tests.Checkpoints;

public class ComponentWeightsTests
{
    private static SafetensorsFile Sample(TempFolder dir)
    {
        string path = dir.File("w.safetensors");
        SafetensorsWriter.Write(path,
        [
            SafetensorsWriterEntry.FromSingles("a.weight", [2, 3], new float[6]),
            SafetensorsWriterEntry.FromSingles("attn.q.weight", [2, 2, 1, 1], new float[4]),
            SafetensorsWriterEntry.FromBytes("ids", SafetensorsDType.I64, [2], new byte[16]),
            SafetensorsWriterEntry.FromSingles("extra.bias", [2], new float[2]),
            SafetensorsWriterEntry.FromSingles("embeddings.position_ids", [2], new float[2]),
        ]);
        return SafetensorsFile.Open(path);
    }

    [Fact]
    public void Get_MatchingShape_ReturnsTensorAndCountsItUsed()
    {
        using var dir = new TempFolder();
        using var file = Sample(dir);
        var w = new ComponentWeights("unet", file);
        Assert.NotNull(w.Get("a.weight", 2, 3));
        Assert.Empty(w.Problems);
        w.ThrowIfProblems();
        Assert.DoesNotContain("a.weight", w.Unused());
    }

    [Fact]
    public void Get_TrailingOneDimensions_AcceptedBothWays()
    {
        using var dir = new TempFolder();
        using var file = Sample(dir);
        var w = new ComponentWeights("vae", file);
        Assert.NotNull(w.Get("attn.q.weight", 2, 2)); // a 1x1 conv weight read as a Linear
        Assert.NotNull(w.Get("a.weight", 2, 3, 1, 1));
        Assert.Empty(w.Problems);
    }

    [Fact]
    public void ThrowIfProblems_MissingAndMisshapen_ListsEveryOneWithShapes()
    {
        using var dir = new TempFolder();
        using var file = Sample(dir);
        var w = new ComponentWeights("unet", file);
        Assert.Null(w.Get("nope.weight", 1));
        Assert.Null(w.Get("also.missing", 1));
        Assert.Null(w.Get("a.weight", 3, 2));
        Assert.Null(w.Get("ids", 2));
        var e = Assert.Throws<CheckpointException>(() => w.ThrowIfProblems("is this an SD 2.x checkpoint?"));
        Assert.Contains("2 tensor(s) missing: nope.weight, also.missing", e.Message);
        Assert.Contains("a.weight has shape [2,3], the config expects [3,2]", e.Message);
        Assert.Contains("ids is I64, a weight must be F32, F16 or BF16", e.Message);
        Assert.Contains("is this an SD 2.x checkpoint?", e.Message);
        Assert.Equal("nope.weight", e.TensorName);
        Assert.Equal(file.Path, e.FilePath);
    }

    [Fact]
    public void Get_ThroughFileKeyFunction_NamesBothKeysWhenMissing()
    {
        using var dir = new TempFolder();
        using var file = Sample(dir);
        var w = new ComponentWeights("unet", file, k => k.Replace("to_q", "q", StringComparison.Ordinal));
        Assert.NotNull(w.Get("attn.to_q.weight", 2, 2));
        Assert.True(w.Contains("attn.to_q.weight"));
        Assert.Null(w.Get("attn.to_k.weight", 2, 2));
        Assert.Contains("attn.to_k.weight", w.Missing[0]);
    }

    [Fact]
    public void Unused_ExcludesUsedAndIgnoredAndForeignKeys()
    {
        using var dir = new TempFolder();
        using var file = Sample(dir);
        var map = new ComponentKeyMap("test", k => k, k => !k.StartsWith("ids", StringComparison.Ordinal), k => k.EndsWith("position_ids", StringComparison.Ordinal));
        var w = new ComponentWeights("text_encoder", file, map);
        w.Get("a.weight", 2, 3);
        Assert.Equal(["attn.q.weight", "extra.bias"], w.Unused());
        Assert.Equal(["embeddings.position_ids"], w.Ignored());
        Assert.Equal(3, w.OwnTensors().Count());
    }
}
