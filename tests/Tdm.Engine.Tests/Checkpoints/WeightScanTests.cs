using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Tests.Checkpoints;

public class WeightScanTests
{
    private static WeightScan.Finding? ScanOne(float[] values, SafetensorsDType dtype)
    {
        using var dir = new TempFolder();
        string path = dir.File("w.safetensors");
        SafetensorsWriter.Write(path, [SafetensorsWriterEntry.FromSingles("w", [values.Length], values, dtype)]);
        using var file = SafetensorsFile.Open(path);
        return WeightScan.Scan(file, file["w"]);
    }

    private static SafetensorsDType DType(string name) => SafetensorsDTypes.TryParse(name, out var t) ? t : throw new ArgumentException(name);

    private static float[] Ordinary(int n) => Enumerable.Range(0, n).Select(i => MathF.Sin(i) * 3f).ToArray();

    [Theory]
    [InlineData("F32")]
    [InlineData("F16")]
    [InlineData("BF16")]
    public void Scan_OrdinaryWeightsAndTheLimitItself_NothingFound(string dtypeName)
    {
        var dtype = DType(dtypeName);
        var values = Ordinary(1000);
        float limit = dtype == SafetensorsDType.BF16 ? 65280f : 65504f; // bfloat16 rounds 65504 up to 65536
        values[10] = limit;
        values[11] = -limit;
        Assert.Null(ScanOne(values, dtype));
    }

    [Theory]
    [InlineData("F32", float.NaN)]
    [InlineData("F32", float.PositiveInfinity)]
    [InlineData("F32", -3e38f)]
    [InlineData("F32", 70000f)]
    [InlineData("F16", float.NaN)]
    [InlineData("F16", float.NegativeInfinity)]
    [InlineData("BF16", float.NaN)]
    [InlineData("BF16", 3e38f)]
    public void Scan_BadValues_CountedWithTheFirstIndex(string dtypeName, float bad)
    {
        var dtype = DType(dtypeName);
        var values = Ordinary(1037); // not a multiple of any vector width: the tail is scanned too
        values[517] = bad;
        values[1036] = bad;
        var finding = ScanOne(values, dtype);
        Assert.NotNull(finding);
        Assert.Equal(2, finding.Value.Count);
        Assert.Equal(517, finding.Value.FirstIndex);
    }

    [Fact]
    public void Get_TensorWithNaN_ProblemNamesTheTensorAndBuildRefuses()
    {
        using var dir = new TempFolder();
        string path = dir.File("w.safetensors");
        SafetensorsWriter.Write(path, [SafetensorsWriterEntry.FromSingles("conv.weight", [4], [1f, float.NaN, 2f, float.PositiveInfinity])]);
        using var file = SafetensorsFile.Open(path);
        var weights = new ComponentWeights("unet", file);
        Assert.NotNull(weights.Get("conv.weight", 4));
        string problem = Assert.Single(weights.Problems);
        Assert.StartsWith("conv.weight has 2 value(s) that are NaN, infinite or beyond float16's range", problem);
        var e = Assert.Throws<CheckpointException>(() => weights.ThrowIfProblems());
        Assert.Equal("conv.weight", e.TensorName);
        Assert.Contains("the unet weights hold values no trained model has", e.Message);
    }
}
