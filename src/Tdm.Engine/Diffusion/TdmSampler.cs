using Microsoft.ML.OnnxRuntime;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;

namespace Tdm.Engine.Diffusion;

/// <summary>
/// TDM's denoising of one chunk of frames (Li et al. 2024): DDIM inversion of the degraded frames' latents
/// (no guidance), then guided DDIM sampling from the inverted latents, both conditioned on the degraded frames
/// through the ControlNet, with frame-mixed self-attention (SW-CFA) throughout. Every tensor stays on the device;
/// cancellation is honoured inside and between network evaluations.
/// </summary>
/// <remarks>With guidance the networks see the batch [uncond F; cond F], and up to <paramref name="tileBatch"/> latent
/// tiles of a step go through them together. When the device runs out of memory the tile batch is halved (and stays
/// so), down to one tile; then, or when <paramref name="splitGuidance"/> asks for it, each guidance half runs on its
/// own (SW-CFA never mixes across tiles or halves, so only rounding differs); a chunk whose halves still do not fit
/// fails with an out-of-memory error.</remarks>
internal sealed class TdmSampler(TdmNetworks networks, TensorDevice device, DdimScheduler scheduler, bool splitGuidance = false, int tileBatch = 1)
{
    private int _tileBatch = tileBatch >= 1 ? tileBatch : throw new ArgumentOutOfRangeException(nameof(tileBatch), tileBatch, "at least one tile");

    /// <summary>Tiles evaluated together now (halved by each out-of-memory failure).</summary>
    public int TileBatch => Volatile.Read(ref _tileBatch);

    // Halves the tile batch after an out-of-memory failure with a batch of `failed`; false when it was one already.
    private bool ShrinkTileBatch(int failed)
    {
        if (failed <= 1)
            return false;
        int smaller = failed / 2;
        for (int now = TileBatch; now > smaller && Interlocked.CompareExchange(ref _tileBatch, smaller, now) != now; now = TileBatch)
        {
        }
        return true;
    }

    /// <summary>
    /// Denoises <paramref name="latents"/> ([F, 4, h, w] on the device; not consumed). <paramref name="control"/>
    /// is the degraded frames [F, 3, 8h, 8w] in [0, 1]; the embeddings are [1, 77, D] for the prompt and the
    /// negative prompt. <paramref name="shots"/> splits the frames into consecutive shots (their lengths; null: one
    /// shot) that frame mixing never crosses. Returns the final latents on the device (the caller disposes them).
    /// </summary>
    public OrtValue Run(OrtValue latents, HostTensor control, HostTensor promptEmbedding, HostTensor negativeEmbedding,
        SamplerSettings settings, Action<string>? stepDone = null, ISamplerObserver? observer = null, CancellationToken cancel = default,
        IReadOnlyList<int>? shots = null)
    {
        var shape = latents.GetTensorTypeAndShape().Shape;
        int frames = (int)shape[0];
        int groups = settings.UsesGuidance ? 2 : 1;
        using var tiles = new TiledPrediction(this, device, networks, Tiles((int)shape[3], (int)shape[2], settings));
        shots ??= [frames];
        if (shots.Sum() != frames)
            throw new ArgumentException($"the shots ({string.Join(", ", shots)}) do not add up to the {frames} frames", nameof(shots));
        var unetMix = FrameMixingMatrix.Frames(settings.UNetMixing, shots, settings.Radius);
        var controlMix = FrameMixingMatrix.Frames(settings.ControlNetMixing, shots, settings.Radius);
        var emptyPrompt = settings.InversionWithPrompt ? promptEmbedding : negativeEmbedding;

        using var uploads = new Uploads(device);
        // Inversion: batch F, no guidance.
        var inversion = new Conditioning(
            uploads.Add(Repeat([(emptyPrompt, frames)])),
            uploads.Add(control),
            1,
            uploads.Add(new HostTensor(unetMix, frames, frames)),
            uploads.Add(new HostTensor(controlMix, frames, frames)),
            settings.InversionWithControlNet ? settings.ControlNetScale : 0f);
        // Sampling: batch [uncond F; cond F] with guidance, M = kron(I2, A). The control image is the same for both
        // halves: a frame of one tile has it joined once on the device; a tiled frame repeats each tile's crop, so
        // nothing frame-sized is copied.
        var sampling = groups == 1
            ? inversion with { Embeddings = uploads.Add(Repeat([(promptEmbedding, frames)])), ControlScale = settings.ControlNetScale }
            : new Conditioning(
                uploads.Add(Repeat([(negativeEmbedding, frames), (promptEmbedding, frames)])),
                tiles.IsWhole ? uploads.Keep(device.Concat([inversion.Control, inversion.Control])) : inversion.Control,
                tiles.IsWhole ? 1 : 2,
                uploads.Add(new HostTensor(FrameMixingMatrix.Batch(unetMix, frames, 2), 2 * frames, 2 * frames)),
                uploads.Add(new HostTensor(FrameMixingMatrix.Batch(controlMix, frames, 2), 2 * frames, 2 * frames)),
                settings.ControlNetScale);

        using var state = new LatentState(latents);
        var invert = scheduler.Inversion(settings.InversionSteps);
        for (int k = 0; k < invert.Timesteps.Length; k++)
        {
            bool last = k == invert.Timesteps.Length - 1;
            using var eps = tiles.Predict(state.ModelInput, invert.Timesteps[k], inversion, frames, () => stepDone?.Invoke("invert"), cancel);
            Update(state, eps, invert.Step(k), 1, last ? groups : 1, settings.Guidance, cancel);
            observer?.Inverted(k, state.Latents, eps);
        }

        // The guidance halves, uploaded only if they are ever run separately.
        var halves = new Lazy<(Conditioning Uncond, Conditioning Cond)>(() => (
            inversion with { Embeddings = uploads.Add(Repeat([(negativeEmbedding, frames)])), ControlScale = settings.ControlNetScale },
            inversion with { Embeddings = uploads.Add(Repeat([(promptEmbedding, frames)])), ControlScale = settings.ControlNetScale }));
        bool split = splitGuidance;
        void Done() => stepDone?.Invoke("sample");
        var sample = scheduler.Sampling(settings.SamplingSteps);
        for (int k = 0; k < sample.Timesteps.Length; k++)
        {
            bool last = k == sample.Timesteps.Length - 1;
            int t = sample.Timesteps[k];
            OrtValue PredictByHalves()
            {
                try
                {
                    using var uncond = tiles.Predict(state.Latents, t, halves.Value.Uncond, frames, null, cancel);
                    using var cond = tiles.Predict(state.Latents, t, halves.Value.Cond, frames, Done, cancel);
                    return device.Concat([uncond, cond]);
                }
                catch (TdmException e) when (e.Kind == TdmErrorKind.OutOfMemory)
                {
                    throw new TdmException(TdmErrorKind.OutOfMemory, $"{e.Message}\nEven one guidance half of {frames} frames does not fit: " +
                        "lower the chunk length or the processing size.", e);
                }
            }
            OrtValue Predict()
            {
                if (groups == 1 || split)
                    return groups == 1 ? tiles.Predict(state.ModelInput, t, sampling, frames, Done, cancel) : PredictByHalves();
                try
                {
                    return tiles.Predict(state.ModelInput, t, sampling, groups * frames, Done, cancel);
                }
                catch (TdmException e) when (e.Kind == TdmErrorKind.OutOfMemory)
                {
                    split = true;
                    return PredictByHalves();
                }
            }
            using var eps = Predict();
            Update(state, eps, sample.Step(k), groups, last ? 1 : groups, settings.Guidance, cancel);
            observer?.Sampled(k, state.Latents, eps);
        }
        return state.Detach();
    }

    /// <summary>What the networks are conditioned on for one batch layout (all on the device): the control image is
    /// <see cref="Control"/> repeated <see cref="ControlCopies"/> times along the batch.</summary>
    private sealed record Conditioning(OrtValue Embeddings, OrtValue Control, int ControlCopies, OrtValue UNetMix, OrtValue ControlNetMix, float ControlScale);

    /// <summary>The latent tile grid of a <paramref name="width"/> x <paramref name="height"/> latent.</summary>
    public static LatentTiles Tiles(int width, int height, SamplerSettings settings) =>
        LatentTiles.For(width, height, settings.TileSize, settings.TileOverlap);

    // ControlNet then U-Net at timestep t on a whole latent (or one tile of it, with the control image's matching
    // crop); returns the U-Net's noise prediction for the whole batch.
    private OrtValue PredictNoise(OrtValue sample, OrtValue control, int t, Conditioning c, int batch, CancellationToken cancel)
    {
        using var timestep = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat((float)t, batch).ToArray(), [batch]);
        using var scale = OrtValue.CreateTensorValueFromMemory(new[] { c.ControlScale }, [1]);
        var residualNames = networks.ControlNet.OutputNames;
        var residuals = device.Run(networks.ControlNet,
            [(UNetGraph.Sample, sample), (UNetGraph.Timestep, timestep), (UNetGraph.EncoderHiddenStates, c.Embeddings),
             (ControlNetGraph.Cond, control), (ControlNetGraph.Scale, scale), (UNetGraph.FrameMix, c.ControlNetMix)],
            residualNames, cancel);
        try
        {
            var inputs = new List<(string, OrtValue)>
            {
                (UNetGraph.Sample, sample), (UNetGraph.Timestep, timestep), (UNetGraph.EncoderHiddenStates, c.Embeddings),
                (UNetGraph.FrameMix, c.UNetMix),
            };
            inputs.AddRange(residualNames.Zip(residuals));
            return device.Run(networks.UNet, inputs, [UNetGraph.NoisePred], cancel)[0];
        }
        finally
        {
            foreach (var r in residuals)
                r.Dispose();
        }
    }

    // One DDIM update of state's latents with the noise prediction eps.
    private void Update(LatentState state, OrtValue eps, DdimCoefficients c, int guidanceGroups, int nextGroups, float guidance, CancellationToken cancel)
    {
        static OrtValue Scalar(float v) => OrtValue.CreateTensorValueFromMemory(new[] { v }, [1]);
        using var w = Scalar(guidance);
        using var a = Scalar(c.SqrtAlphaSource);
        using var b = Scalar(c.SqrtOneMinusAlphaSource);
        using var ad = Scalar(c.SqrtAlphaTarget);
        using var bd = Scalar(c.SqrtOneMinusAlphaTarget);
        var outputs = nextGroups > 1 ? new[] { DdimStep.NextLatents, DdimStep.NextModelInput } : new[] { DdimStep.NextLatents };
        var result = device.Run(networks.Step(guidanceGroups, nextGroups),
            [(DdimStep.Latents, state.Latents), (DdimStep.NoisePred, eps), (DdimStep.Guidance, w), (DdimStep.SqrtAlphaSource, a),
             (DdimStep.SqrtOneMinusAlphaSource, b), (DdimStep.SqrtAlphaTarget, ad), (DdimStep.SqrtOneMinusAlphaTarget, bd)],
            outputs, cancel);
        state.Advance(result[0], result.Length > 1 ? result[1] : null);
    }

    private static HostTensor Repeat((HostTensor Tensor, int Times)[] parts)
    {
        var first = parts[0].Tensor;
        int rows = parts.Sum(p => p.Times);
        var data = new float[rows * first.Data.Length];
        int offset = 0;
        foreach (var (tensor, times) in parts)
            for (int i = 0; i < times; i++, offset += tensor.Data.Length)
                tensor.Data.CopyTo(data, offset);
        return new HostTensor(data, [rows, .. first.Shape[1..]]);
    }

    /// <summary>
    /// The noise prediction of a whole latent through its tile grid (<see cref="LatentTiles"/>): each tile's crop of
    /// the latent and of the control image through the networks, the predictions blended with the tiles' weights and
    /// normalised by their sum, all on the device. A latent that is one tile runs whole, exactly as untiled. Reports
    /// each tile evaluation; cancellation takes effect between them. Owns the uploaded weights.
    /// </summary>
    private sealed class TiledPrediction(TdmSampler sampler, TensorDevice device, TdmNetworks networks, LatentTiles grid) : IDisposable
    {
        // On the CPU an upload is a view of the host array: the arrays stay referenced here while the views live.
        private readonly HostTensor[] _weightsHost = grid.IsWhole ? [] : [.. grid.Tiles.Select(t => new HostTensor(grid.Weights(t), 1, 1, t.Height, t.Width))];
        private readonly HostTensor? _sumHost = grid.IsWhole ? null : new HostTensor(grid.WeightSum(), 1, 1, grid.Height, grid.Width);
        private readonly Dictionary<(Conditioning, int), Conditioning> _batched = [];
        private readonly List<HostTensor> _hosts = [];
        private List<OrtValue>? _weights;
        private OrtValue? _sum;

        /// <summary>Whether the latent is one tile (it runs whole).</summary>
        public bool IsWhole => grid.IsWhole;

        public OrtValue Predict(OrtValue sample, int t, Conditioning c, int batch, Action? tileDone, CancellationToken cancel)
        {
            if (grid.IsWhole)
            {
                var whole = sampler.PredictNoise(sample, c.Control, t, c, batch, cancel);
                tileDone?.Invoke();
                return whole;
            }
            _weights ??= [.. _weightsHost.Select(device.Upload)];
            OrtValue? blended = null;
            try
            {
                for (int first = 0; first < grid.Tiles.Count;)
                {
                    int count = Math.Min(sampler.TileBatch, grid.Tiles.Count - first);
                    List<OrtValue> eps;
                    try
                    {
                        eps = PredictTiles(sample, t, c, batch, first, count, cancel);
                    }
                    catch (TdmException e) when (e.Kind == TdmErrorKind.OutOfMemory && sampler.ShrinkTileBatch(count))
                    {
                        continue;
                    }
                    for (int j = 0; j < count; j++)
                    {
                        using var part = eps[j];
                        blended = Blend(blended, part, first + j, cancel);
                        tileDone?.Invoke();
                    }
                    first += count;
                }
                _sum ??= device.Upload(_sumHost!);
                return device.Run(networks.TileNormalise, [(LatentTiles.Whole, blended!), (LatentTiles.Sum, _sum)], [LatentTiles.Result], cancel)[0];
            }
            finally
            {
                blended?.Dispose();
            }
        }

        // The noise predictions of tiles first .. first + count - 1, evaluated as one batch of the networks:
        // [tile 0's batch; tile 1's batch; ...], with the conditioning repeated (each tile's control crop once per
        // copy the layout asks for) and frame mixing kron(I_count, M).
        private List<OrtValue> PredictTiles(OrtValue sample, int t, Conditioning c, int batch, int first, int count, CancellationToken cancel)
        {
            var parts = new List<OrtValue>(count);
            var controls = new List<OrtValue>(count);
            try
            {
                for (int j = 0; j < count; j++)
                {
                    parts.Add(Crop(sample, grid.Tiles[first + j], 1, cancel));
                    controls.Add(Crop(c.Control, grid.Tiles[first + j], 8, cancel));
                }
                if (count == 1 && c.ControlCopies == 1)
                    return [sampler.PredictNoise(parts[0], controls[0], t, c, batch, cancel)];
                using var control = device.Concat([.. controls.SelectMany(crop => Enumerable.Repeat(crop, c.ControlCopies))]);
                if (count == 1)
                    return [sampler.PredictNoise(parts[0], control, t, c, batch, cancel)];
                using var part = device.Concat(parts);
                using var eps = sampler.PredictNoise(part, control, t, Batched(c, count), count * batch, cancel);
                var result = new List<OrtValue>(count);
                for (int j = 0; j < count; j++)
                {
                    using var starts = OrtValue.CreateTensorValueFromMemory(new long[] { j * batch }, [1]);
                    using var ends = OrtValue.CreateTensorValueFromMemory(new long[] { (j + 1) * batch }, [1]);
                    result.Add(device.Run(networks.TileRows, [(LatentTiles.Whole, eps), (LatentTiles.Starts4, starts), (LatentTiles.Ends4, ends)],
                        [LatentTiles.Result], cancel)[0]);
                }
                return result;
            }
            finally
            {
                parts.ForEach(p => p.Dispose());
                controls.ForEach(p => p.Dispose());
            }
        }

        // Adds tile i's prediction, times its weights, into the blend (the first tile starts it).
        private OrtValue Blend(OrtValue? blended, OrtValue eps, int i, CancellationToken cancel)
        {
            var tile = grid.Tiles[i];
            using var pads = OrtValue.CreateTensorValueFromMemory(new long[]
            {
                0, 0, tile.Y, tile.X, 0, 0, grid.Height - tile.Y - tile.Height, grid.Width - tile.X - tile.Width,
            }, [8]);
            var inputs = new List<(string, OrtValue)> { (LatentTiles.Part, eps), (LatentTiles.Weight, _weights![i]), (LatentTiles.Pads, pads) };
            if (blended is not null)
                inputs.Add((LatentTiles.Whole, blended));
            var next = device.Run(blended is null ? networks.TileBlendFirst : networks.TileBlendAdd, inputs, [LatentTiles.Result], cancel)[0];
            blended?.Dispose();
            return next;
        }

        // The conditioning of a batch of `count` tiles, made on first use and kept for the run.
        private Conditioning Batched(Conditioning c, int count)
        {
            if (_batched.TryGetValue((c, count), out var cached))
                return cached;
            OrtValue Mix(OrtValue m)
            {
                var one = device.Download(m);
                int b = (int)one.Shape[0];
                var mix = new HostTensor(count * b, count * b);
                for (int j = 0; j < count; j++)
                    for (int r = 0; r < b; r++)
                        one.Data.AsSpan(r * b, b).CopyTo(mix.Data.AsSpan((((j * b) + r) * count * b) + (j * b)));
                _hosts.Add(mix);
                return device.Upload(mix);
            }
            var batched = c with
            {
                Embeddings = device.Concat(Enumerable.Repeat(c.Embeddings, count).ToList()),
                UNetMix = Mix(c.UNetMix),
                ControlNetMix = Mix(c.ControlNetMix),
            };
            _batched[(c, count)] = batched;
            return batched;
        }

        // The tile's window of a latent (scale 1) or of the control image (scale 8).
        private OrtValue Crop(OrtValue whole, LatentTile tile, int scale, CancellationToken cancel)
        {
            using var starts = OrtValue.CreateTensorValueFromMemory(new long[] { tile.Y * scale, tile.X * scale }, [2]);
            using var ends = OrtValue.CreateTensorValueFromMemory(new long[] { (tile.Y + tile.Height) * scale, (tile.X + tile.Width) * scale }, [2]);
            return device.Run(networks.TileCrop, [(LatentTiles.Whole, whole), (LatentTiles.Starts4, starts), (LatentTiles.Ends4, ends)],
                [LatentTiles.Result], cancel)[0];
        }

        public void Dispose()
        {
            _weights?.ForEach(w => w.Dispose());
            _sum?.Dispose();
            foreach (var c in _batched.Values)
            {
                c.Embeddings.Dispose();
                c.UNetMix.Dispose();
                c.ControlNetMix.Dispose();
            }
        }
    }

    /// <summary>Device copies of the run's conditioning; on the CPU they are views of the managed arrays, which
    /// are kept referenced here for as long as the views live.</summary>
    private sealed class Uploads(TensorDevice device) : IDisposable
    {
        private readonly List<(HostTensor? Host, OrtValue Device)> _items = [];

        public OrtValue Add(HostTensor tensor)
        {
            var value = device.Upload(tensor);
            _items.Add((tensor, value));
            return value;
        }

        /// <summary>Takes a value made on the device for the run.</summary>
        public OrtValue Keep(OrtValue value)
        {
            _items.Add((null, value));
            return value;
        }

        public void Dispose() => _items.ForEach(i => i.Device.Dispose());
    }

    /// <summary>The latents x and the batch the next network call takes (x itself, or x once per guidance group).
    /// Owns every tensor but the caller's initial latents.</summary>
    private sealed class LatentState(OrtValue initial) : IDisposable
    {
        private OrtValue? _owned;
        private OrtValue? _ownedInput;

        public OrtValue Latents { get; private set; } = initial;

        public OrtValue ModelInput => _ownedInput ?? Latents;

        public void Advance(OrtValue latents, OrtValue? modelInput)
        {
            Dispose();
            _owned = latents;
            _ownedInput = modelInput;
            Latents = latents;
        }

        /// <summary>Hands the final latents to the caller.</summary>
        public OrtValue Detach()
        {
            var result = _owned ?? throw new InvalidOperationException("no step was run");
            _owned = null;
            return result;
        }

        public void Dispose()
        {
            _owned?.Dispose();
            _ownedInput?.Dispose();
            _owned = _ownedInput = null;
        }
    }
}
