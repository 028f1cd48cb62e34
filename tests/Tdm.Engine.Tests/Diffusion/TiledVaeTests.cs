using Tdm.Engine.Checkpoints;
using Tdm.Engine.Diffusion;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;
using Tdm.Engine.Tests.Graphs;
using Xunit.Abstractions;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;

namespace Tdm.Engine.Tests.Diffusion;

/// <summary>
/// The tiled VAE against the untiled one on the golden VAE (whose mid block has attention), on a 512x512 frame both
/// can run, in bands of 16 latent rows (128 pixels): 4 bands, 3 of them with a margin on both sides.
/// </summary>
public sealed class TiledVaeTests(ITestOutputHelper output) : IDisposable
{
    private const int Size = 512, LatentSize = Size / 8, Tile = 32;

    // Float32 summation in another order (the frame's statistics are added band by band, the convolutions see the
    // same inputs) leaves differences at the level of float32 rounding of the outputs, not more.
    private const float MaxTolerance = 1e-4f, MeanTolerance = 1e-5f;

    private readonly SafetensorsFile _weights = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "vae", "diffusion_pytorch_model.safetensors"));
    private readonly TensorDevice _device = new(new SessionFactory(ExecutionDevice.Cpu(2), Path.Combine(Path.GetTempPath(), "tdm-tests-cache")));

    [Fact]
    public void Encode_InBands_MatchesTheUntiledEncoder()
    {
        using var plain = Session((w, t) => VaeGraph.BuildEncoder(GoldenSpecs.Vae(), w, t), _weights, "vae");
        var image = Image();
        var expected = Run(plain, (VaeGraph.Image, image))[VaeGraph.Latent];
        using var vae = Tiled();
        AssertClose(vae.Encode(image, Tile, CancellationToken.None), expected, "encode");
    }

    [Fact]
    public void Decode_InBands_MatchesTheUntiledDecoder()
    {
        using var plain = Session((w, t) => VaeGraph.BuildDecoder(GoldenSpecs.Vae(), w, t), _weights, "vae");
        var latent = Latent();
        var expected = Run(plain, (VaeGraph.Latent, latent))[VaeGraph.Image];
        using var vae = Tiled();
        AssertClose(vae.Decode(latent, Tile, CancellationToken.None), expected, "decode");
    }

    [Theory]
    [InlineData(3 * LatentSize * LatentSize * LatentSize)] // three rows of queries a run
    [InlineData(20 * LatentSize * LatentSize)] // 20 queries: parts of a row
    public void Decode_AttentionInSmallerBands_MatchesTheUntiledDecoder(long scores)
    {
        using var plain = Session((w, t) => VaeGraph.BuildDecoder(GoldenSpecs.Vae(), w, t), _weights, "vae");
        var latent = Latent();
        var expected = Run(plain, (VaeGraph.Latent, latent))[VaeGraph.Image];
        using var vae = Tiled(scores);
        AssertClose(vae.Decode(latent, Tile, CancellationToken.None), expected, $"decode, {scores} attention scores a run");
    }

    [Fact]
    public void Decode_InFloat16_ParksFloat16_SameFramesInLessHostMemory()
    {
        // The float16 graphs (CUDA's) on the CPU: their values are float16 already, so parking them as float16
        // between segments loses nothing, bit for bit, and takes about half the host memory.
        var device = ExecutionDevice.Cpu(2) with { HalfPrecisionOnCpu = true };
        using var halfDevice = new TensorDevice(new SessionFactory(device, Path.Combine(Path.GetTempPath(), "tdm-tests-cache")));
        TiledVae Float16Vae(TensorType? parkAs) => new(
            new Lazy<SegmentedNetwork>(() => throw new InvalidOperationException("the encoder is not used")),
            new Lazy<SegmentedNetwork>(() => Segments((w, t) => VaeGraph.BuildDecoder(GoldenSpecs.Vae(), w, TensorType.Float16, tiled: true), device)),
            halfDevice, parkAs: parkAs);
        using var halves = Float16Vae(null);
        using var singles = Float16Vae(TensorType.Float);
        var latent = Latent();

        var parkedAsHalves = halves.Decode(latent, Tile, CancellationToken.None);
        var parkedAsSingles = singles.Decode(latent, Tile, CancellationToken.None);

        Assert.Equal(parkedAsSingles.Data, parkedAsHalves.Data);
        output.WriteLine($"host memory between segments: {halves.PeakHeldBytes} bytes parked as float16, {singles.PeakHeldBytes} as float32");
        Assert.InRange(halves.PeakHeldBytes, singles.PeakHeldBytes * 0.45, singles.PeakHeldBytes * 0.55);
    }

    [Fact]
    public void Segments_CutAtEveryGroupNormAndBeforeAttention()
    {
        var spec = GoldenSpecs.Vae();
        var weights = new ComponentWeights("vae", _weights);
        var parts = VaeGraph.BuildDecoder(spec, weights, TensorType.Float, tiled: true).Split();
        Assert.Equal(VaeGraph.GroupNorms(spec, decoder: true) + 2, parts.Count);
    }

    private void AssertClose(HostTensor result, HostTensor expected, string what)
    {
        Assert.Equal(expected.Shape, result.Shape);
        float max = MaxAbsDiff(result, expected);
        double mean = result.Data.Zip(expected.Data).Average(p => Math.Abs(p.First - p.Second));
        output.WriteLine($"{what}: max abs difference {max:E2}, mean {mean:E2}");
        Assert.True(max <= MaxTolerance && mean <= MeanTolerance, $"{what}: max {max:E2}, mean {mean:E2}");
    }

    private TiledVae Tiled(long scores = TiledVae.AttentionScores) => new(
        new Lazy<SegmentedNetwork>(() => Segments((w, t) => VaeGraph.BuildEncoder(GoldenSpecs.Vae(), w, t, tiled: true))),
        new Lazy<SegmentedNetwork>(() => Segments((w, t) => VaeGraph.BuildDecoder(GoldenSpecs.Vae(), w, t, tiled: true))),
        _device, scores);

    private SegmentedNetwork Segments(Func<ComponentWeights, TensorType, GraphBuilder> build, ExecutionDevice? device = null)
    {
        var weights = new ComponentWeights("vae", _weights);
        var factory = new SessionFactory(device ?? ExecutionDevice.Cpu(2), Path.Combine(Path.GetTempPath(), "tdm-tests-cache"));
        return new SegmentedNetwork([.. build(weights, TensorType.Float).Split().Select(factory.Create)]);
    }

    // A frame with a colour gradient (what per-tile statistics would shift), texture and noise, in [-1, 1].
    private static HostTensor Image()
    {
        var random = new Random(5);
        var image = new HostTensor(1, 3, Size, Size);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < Size; y++)
                for (int x = 0; x < Size; x++)
                    image.Data[(((c * Size) + y) * Size) + x] = (float)Math.Clamp(
                        (0.8 * ((x + (c * y)) / (double)Size - 0.6)) + (0.2 * Math.Sin((x * 0.3) + (y * 0.17 * (c + 1)))) + (0.05 * (random.NextDouble() - 0.5)), -1, 1);
        return image;
    }

    // A latent with a gradient and texture, at the scale the encoder gives.
    private static HostTensor Latent()
    {
        var latent = new HostTensor(1, 4, LatentSize, LatentSize);
        for (int c = 0; c < 4; c++)
            for (int y = 0; y < LatentSize; y++)
                for (int x = 0; x < LatentSize; x++)
                    latent.Data[(((c * LatentSize) + y) * LatentSize) + x] = (float)((0.5 * ((x - y + c) / (double)LatentSize)) + (0.3 * Math.Cos((x * 0.7) + (y * 0.4 * c))));
        return latent;
    }

    public void Dispose()
    {
        _device.Dispose();
        _weights.Dispose();
    }
}
