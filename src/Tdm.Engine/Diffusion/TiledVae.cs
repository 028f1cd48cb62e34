using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Tdm.Engine.Graphs;
using Tdm.Engine.Graphs.Layers;
using Tdm.Engine.Runtime;

namespace Tdm.Engine.Diffusion;

/// <summary>
/// The VAE on a frame larger than one tile, exactly as untiled, with device memory bounded by the tile. The VAE's
/// graph is cut at every GroupNorm (<see cref="FrameStatistics"/>) and before the mid block's attention; each
/// segment runs over the whole frame in bands of rows, each band on its rows plus a margin of <see cref="Margin"/>
/// latent rows above and below (more than any segment's convolutions reach), and keeps only its own rows. A band
/// also reports its rows' sums at the GroupNorm that ends its segment, so the next segment normalises with the whole
/// frame's statistics: nothing depends on where the bands fall, which is what keeps tiled VAEs from shifting colour
/// from tile to tile. Attention takes the whole frame's keys and values (at the latent resolution: the only
/// frame-sized values on the device) for each band's queries. Between segments the frame's activations wait in host
/// memory, in the type the segments compute in (float16 on CUDA: half the memory, and nothing lost, since the
/// values are float16 already).
/// </summary>
/// <param name="encoder">The encoder cut into segments (<c>vae_encoder_tiled</c>), compiled on first use.</param>
/// <param name="decoder">The decoder cut into segments (<c>vae_decoder_tiled</c>), compiled on first use.</param>
/// <param name="device">Where the segments run.</param>
/// <param name="attentionScores">Attention scores held at once for a band's queries against the frame's keys.</param>
/// <param name="parkAs">The type activations wait in between segments; null: the device's compute type.</param>
internal sealed class TiledVae(Lazy<SegmentedNetwork> encoder, Lazy<SegmentedNetwork> decoder, TensorDevice device,
    long attentionScores = TiledVae.AttentionScores, TensorType? parkAs = null) : IDisposable
{
    /// <summary>Latent rows of context above and below a band: a segment holds at most one 3x3 convolution at the
    /// latent resolution plus one at twice it, which reach 1.5 latent rows.</summary>
    public const int Margin = 2;

    private readonly bool _parkHalves = (parkAs ?? device.Device.ComputeType) == TensorType.Float16;
    private readonly Buffers _buffers = new();
    private long _peakHeldBytes;

    /// <summary>The most host memory one frame's activations between segments have taken so far.</summary>
    public long PeakHeldBytes => Interlocked.Read(ref _peakHeldBytes);

    /// <summary>The most host memory the VAE's arrays have taken at once so far: the activations between segments,
    /// the arrays kept for the stage's next frame, the bands' crops and the outputs.</summary>
    public long PeakHostBytes => _buffers.PeakBytes;

    /// <summary>Attention scores held at once by default (64 MiB of float32), whatever the frame's size.</summary>
    public const long AttentionScores = 1L << 24;

    /// <summary>Encodes <paramref name="image"/> [1, 3, H, W] in [-1, 1] to the latent [1, c, H/8, W/8], in bands of
    /// about <paramref name="tile"/> x <paramref name="tile"/> latent pixels.</summary>
    public HostTensor Encode(HostTensor image, int tile, CancellationToken cancel) =>
        Run(encoder.Value, VaeGraph.Image, VaeGraph.Latent, image, 8, tile, cancel);

    /// <summary>Decodes <paramref name="latent"/> [1, c, h, w] to the image [1, 3, 8h, 8w].</summary>
    public HostTensor Decode(HostTensor latent, int tile, CancellationToken cancel) =>
        Run(decoder.Value, VaeGraph.Latent, VaeGraph.Image, latent, 1, tile, cancel);

    private HostTensor Run(SegmentedNetwork network, string inputName, string outputName, HostTensor input, int inputScale, int tile,
        CancellationToken cancel)
    {
        if (input.Shape[0] != 1 || input.Shape[2] % inputScale != 0)
            throw new ArgumentException($"a [{string.Join(", ", input.Shape)}] tensor is not one frame", nameof(input));
        var frame = new FrameRun(device, _buffers, inputName, outputName, input, (int)input.Shape[2] / inputScale, (int)input.Shape[3] / inputScale, _parkHalves);
        int bandRows = Math.Max(2 * Margin, ((tile * tile) + frame.Width - 1) / frame.Width);
        var segments = network.Segments;
        for (int s = 0; s < segments.Count; s++)
        {
            frame.Segment(segments[s], bandRows, attentionScores, cancel);
            long held = frame.HeldBytes;
            for (long peak = PeakHeldBytes; held > peak && Interlocked.CompareExchange(ref _peakHeldBytes, held, peak) != peak; peak = PeakHeldBytes)
            {
            }
            // Drop what no later segment reads: at most a few of the frame's activations are held at once.
            frame.Keep(name => segments.Skip(s + 1).Any(later => later.InputNames.Any(i => Base(i) == name)));
        }
        return frame.Output;
    }

    /// <summary>Gives back a frame <see cref="Decode"/> returned, once read, for the next frame's output. (Not an
    /// encoded latent: on the CPU the device reads that array in place.)</summary>
    public void Recycle(HostTensor decoded) => _buffers.Return(decoded.Data);

    /// <summary>
    /// Lets go of the arrays kept for the next frame (call after a stage's last frame). They are large-object
    /// arrays, which only a full collection returns, and a render allocates little else: without one they would stay
    /// resident in the editor's process for the whole diffusion. One collection with a small live heap takes
    /// milliseconds, against seconds a frame.
    /// </summary>
    public void ReleaseBuffers()
    {
        if (_buffers.Clear())
            GC.Collect();
    }

    /// <summary>One frame on its way through the segments: its values between them (host memory), the whole
    /// frame's GroupNorm statistics so far, and the pool their arrays come from.</summary>
    private sealed class FrameRun(TensorDevice device, Buffers buffers, string inputName, string outputName, HostTensor input, int height, int width,
        bool parkHalves)
    {
        private readonly Dictionary<string, Parked> _values = new(StringComparer.Ordinal) { [inputName] = new(input.Shape, input.Data, null) };
        private readonly Dictionary<int, float[]> _statistics = [];
        private readonly Buffers _buffers = buffers;

        public int Width => width;

        public HostTensor Output => new(_values[outputName].Singles!, _values[outputName].Shape);

        public long HeldBytes => _values.Values.Sum(v => v.Bytes);

        // Runs one segment over the frame band by band; its cropped outputs become the frame's values.
        public void Segment(NetworkSession session, int bandRows, long attentionScores, CancellationToken cancel)
        {
            // Attention: as many queries as the score budget allows (whole rows, or part of one on a very wide frame).
            bool attention = session.InputNames.Any(n => n.StartsWith(GraphBuilder.WholePrefix, StringComparison.Ordinal));
            long queries = Math.Max(1, attentionScores / ((long)width * height));
            int rows = attention ? (int)Math.Clamp(queries / width, 1, height) : bandRows;
            int columns = attention ? (int)Math.Min(width, queries) : width, margin = attention ? 0 : Margin;
            var produced = new Dictionary<string, Parked>(StringComparer.Ordinal);
            var sums = new Dictionary<int, double[]>();
            // The frame's keys and values go to the device once for all the segment's bands, not once a band.
            var wholeHosts = session.InputNames.Where(n => n.StartsWith(GraphBuilder.WholePrefix, StringComparison.Ordinal))
                .ToDictionary(n => n, n => Whole(_values[Base(n)]), StringComparer.Ordinal);
            var whole = wholeHosts.ToDictionary(p => p.Key, p => device.Upload(p.Value), StringComparer.Ordinal);
            try
            {
                for (int r0 = 0; r0 < height; r0 += rows)
                    for (int c0 = 0; c0 < width; c0 += columns)
                        RunBand(session, new Band(r0, Math.Min(height, r0 + rows), Math.Max(0, r0 - margin), Math.Min(height, r0 + rows + margin),
                            c0, Math.Min(width, c0 + columns), height, width), whole, produced, sums, cancel);
            }
            finally
            {
                foreach (var value in whole.Values)
                    value.Dispose();
                foreach (var host in wholeHosts.Values)
                    _buffers.Return(host.Data);
            }
            foreach (var (name, value) in produced)
                _values[name] = value;
            foreach (var (k, total) in sums)
                _statistics[k] = Statistics(total);
        }

        private void RunBand(NetworkSession session, Band band, Dictionary<string, OrtValue> whole, Dictionary<string, Parked> produced,
            Dictionary<int, double[]> sums, CancellationToken cancel)
        {
            var wanted = session.OutputNames.Where(n => n.StartsWith(GraphBuilder.CroppedPrefix, StringComparison.Ordinal)
                || n.StartsWith(FrameStatistics.Sums, StringComparison.Ordinal) || n == outputName).ToList();
            var hosts = session.InputNames.Select(name => whole.ContainsKey(name) ? null : Input(name, band)).ToList();
            var uploaded = session.InputNames.Zip(hosts).Select(p => p.Second is null ? whole[p.First] : device.Upload(p.Second)).ToList();
            try
            {
                var results = device.Run(session, session.InputNames.Zip(uploaded).ToList(), wanted, cancel);
                foreach (var (name, result) in wanted.Zip(results))
                    using (result)
                    {
                        var shape = result.GetTensorTypeAndShape().Shape;
                        var part = device.Download(result, new HostTensor(_buffers.Rent<float>(shape), shape));
                        if (name.StartsWith(FrameStatistics.Sums, StringComparison.Ordinal))
                            Add(sums, int.Parse(name[FrameStatistics.Sums.Length..], System.Globalization.CultureInfo.InvariantCulture), part.Data);
                        else
                            Paste(produced, Base(name), part, band);
                        _buffers.Return(part.Data);
                    }
            }
            finally
            {
                foreach (var (name, value) in session.InputNames.Zip(uploaded))
                    if (!whole.ContainsKey(name))
                        value.Dispose();
                // Crops (of the frame's values and of the input) go back to the pool; the small inputs are not the pool's.
                foreach (var (name, host) in session.InputNames.Zip(hosts))
                    if (name.StartsWith(GraphBuilder.CroppedPrefix, StringComparison.Ordinal) || name == inputName)
                        _buffers.Return(host!.Data);
            }
        }

        // One input of a band.
        private HostTensor Input(string name, Band band)
        {
            if (name == FrameStatistics.TileWeight)
            {
                var weight = new HostTensor(1, 1, band.Bottom - band.Top, 1);
                for (int r = band.Row0; r < band.Row1; r++)
                    weight.Data[r - band.Top] = 1f;
                return weight;
            }
            if (name.StartsWith(FrameStatistics.Statistics, StringComparison.Ordinal))
            {
                var given = _statistics[int.Parse(name[FrameStatistics.Statistics.Length..], System.Globalization.CultureInfo.InvariantCulture)];
                return new HostTensor(given, 2, given.Length / 2);
            }
            return Crop(_values[Base(name)], band);
        }

        // A whole frame's value as float32 for the device (attention's keys and values, at the latent resolution).
        private HostTensor Whole(Parked value)
        {
            var host = new HostTensor(_buffers.Rent<float>(value.Shape), value.Shape);
            value.CopyTo(0, host.Data);
            return host;
        }

        // The band's window of a frame's value (at any multiple of the latent resolution), as float32.
        private HostTensor Crop(Parked whole, Band band)
        {
            int channels = (int)whole.Shape[1], rows = (int)whole.Shape[2], columns = (int)whole.Shape[3], scale = rows / band.Height;
            int top = band.Top * scale, count = (band.Bottom - band.Top) * scale, left = band.Column0 * scale, span = (band.Column1 - band.Column0) * scale;
            long[] shape = [1, channels, count, span];
            var crop = new HostTensor(_buffers.Rent<float>(shape), shape);
            for (int c = 0; c < channels; c++)
                for (int y = 0; y < count; y++)
                    whole.CopyTo((((c * rows) + top + y) * columns) + left, crop.Data.AsSpan(((c * count) + y) * span, span));
            return crop;
        }

        // Puts the band's own rows of a part (its window's output) into the frame's value, parked as float16 where
        // the segments compute in it (the frame's output stays float32).
        private void Paste(Dictionary<string, Parked> produced, string name, HostTensor part, Band band)
        {
            int channels = (int)part.Shape[1], partRows = (int)part.Shape[2], span = (int)part.Shape[3], scale = partRows / (band.Bottom - band.Top);
            if (!produced.TryGetValue(name, out var whole))
            {
                long[] shape = [1, channels, band.Height * scale, band.Width * scale];
                produced[name] = whole = parkHalves && name != outputName
                    ? new Parked(shape, null, _buffers.Rent<Half>(shape))
                    : new Parked(shape, _buffers.Rent<float>(shape), null);
            }
            int rows = band.Height * scale, columns = band.Width * scale, from = (band.Row0 - band.Top) * scale, to = band.Row0 * scale;
            int count = (band.Row1 - band.Row0) * scale, left = band.Column0 * scale;
            for (int c = 0; c < channels; c++)
                for (int y = 0; y < count; y++)
                    whole.CopyFrom(part.Data.AsSpan(((c * partRows) + from + y) * span, span), (((c * rows) + to + y) * columns) + left);
        }

        // Drops the values no later segment reads (the output stays), returning their arrays to the pool.
        public void Keep(Func<string, bool> readLater)
        {
            foreach (var name in _values.Keys.Where(n => n != outputName && !readLater(n)).ToList())
            {
                if (name != inputName)
                    _buffers.Return(_values[name].Array);
                _values.Remove(name);
            }
        }
    }

    /// <summary>A whole frame's value between segments, on the host: float32 or float16.</summary>
    private sealed record Parked(long[] Shape, float[]? Singles, Half[]? Halves)
    {
        public Array Array => (Array?)Singles ?? Halves!;

        public long Bytes => Singles is { } s ? (long)s.Length * sizeof(float) : (long)Halves!.Length * 2;

        public void CopyTo(int offset, Span<float> destination)
        {
            if (Singles is { } s)
                s.AsSpan(offset, destination.Length).CopyTo(destination);
            else
                TensorPrimitives.ConvertToSingle(Halves.AsSpan(offset, destination.Length), destination);
        }

        public void CopyFrom(ReadOnlySpan<float> source, int offset)
        {
            if (Singles is { } s)
                source.CopyTo(s.AsSpan(offset));
            else
                TensorPrimitives.ConvertToHalf(source, Halves.AsSpan(offset, source.Length));
        }
    }

    private static string Base(string name) =>
        name.StartsWith(GraphBuilder.CroppedPrefix, StringComparison.Ordinal) ? name[GraphBuilder.CroppedPrefix.Length..]
        : name.StartsWith(GraphBuilder.WholePrefix, StringComparison.Ordinal) ? name[GraphBuilder.WholePrefix.Length..]
        : name;

    /// <summary>One run of a segment, in latent pixels of a <see cref="Height"/> x <see cref="Width"/> frame: it owns
    /// rows Row0..Row1 of columns Column0..Column1 and sees rows Top..Bottom of them (its margin).</summary>
    private readonly record struct Band(int Row0, int Row1, int Top, int Bottom, int Column0, int Column1, int Height, int Width);

    private static void Add(Dictionary<int, double[]> sums, int k, float[] part)
    {
        if (!sums.TryGetValue(k, out var total))
            sums[k] = total = new double[part.Length];
        for (int i = 0; i < part.Length; i++)
            total[i] += part[i];
    }

    // The frame's mean and variance of each group, [2, G], from its sums [3, G].
    private static float[] Statistics(double[] sums)
    {
        int groups = sums.Length / 3;
        var statistics = new float[2 * groups];
        for (int c = 0; c < groups; c++)
        {
            double w = sums[(2 * groups) + c], mean = sums[c] / w;
            statistics[c] = (float)mean;
            statistics[groups + c] = (float)Math.Max(0, (sums[groups + c] / w) - (mean * mean));
        }
        return statistics;
    }

    public void Dispose()
    {
        if (encoder.IsValueCreated)
            encoder.Value.Dispose();
        if (decoder.IsValueCreated)
            decoder.Value.Dispose();
    }
}

/// <summary>
/// Arrays of the VAE's frames, reused by type and length: every piece of the VAE makes and drops frame-sized values
/// and band-sized crops of the same few sizes, for every frame of a stage, which would otherwise pile up in the
/// managed heap between collections. Rented arrays hold stale values: each is overwritten whole before it is read.
/// Thread-safe: chunks may restore at once.
/// </summary>
internal sealed class Buffers
{
    private readonly Dictionary<(Type, int), Stack<Array>> _free = [];
    private long _bytes;

    /// <summary>The most memory the arrays made since the last <see cref="Clear"/> have taken, over all stages.</summary>
    public long PeakBytes { get; private set; }

    public T[] Rent<T>(long[] shape)
    {
        int length = checked((int)shape.Aggregate(1L, (a, d) => a * d));
        lock (_free)
        {
            if (_free.TryGetValue((typeof(T), length), out var stack) && stack.Count > 0)
                return (T[])stack.Pop();
            _bytes += (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            PeakBytes = Math.Max(PeakBytes, _bytes);
        }
        return new T[length];
    }

    public void Return(Array array)
    {
        var key = (array.GetType().GetElementType()!, array.Length);
        lock (_free)
        {
            if (!_free.TryGetValue(key, out var stack))
                _free[key] = stack = new Stack<Array>();
            stack.Push(array);
        }
    }

    /// <summary>Forgets every array, kept or lent (lent ones become their holders' alone); whether any were kept.</summary>
    public bool Clear()
    {
        lock (_free)
        {
            bool any = _free.Values.Any(s => s.Count > 0);
            _free.Clear();
            _bytes = 0;
            return any;
        }
    }
}

/// <summary>A network compiled as consecutive segments (<see cref="GraphBuilder.Split"/>), one session each. Owns them.</summary>
internal sealed class SegmentedNetwork(IReadOnlyList<NetworkSession> segments) : IDisposable
{
    public IReadOnlyList<NetworkSession> Segments { get; } = segments;

    public void Dispose()
    {
        foreach (var segment in Segments)
            segment.Dispose();
    }
}
