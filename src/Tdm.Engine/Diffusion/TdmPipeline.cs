using Microsoft.ML.OnnxRuntime;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;

namespace Tdm.Engine.Diffusion;

/// <summary>
/// TDM on one chunk of frames, on the device from end to end: the VAE encodes every context frame, the sampler
/// inverts and samples the latents (<see cref="TdmSampler"/>: DDIM inversion, then guided DDIM sampling with the
/// ControlNet and SW-CFA), and the VAE decodes the frames the chunk owns. The only host memory is the degraded
/// frames coming in and one decoded frame at a time going out; the latents never leave the device. A frame larger than one
/// tile goes through the VAE in the sampler's tile grid (<see cref="TiledVae"/>).
/// </summary>
internal sealed class TdmPipeline(NetworkSession vaeEncoder, NetworkSession vaeDecoder, TiledVae tiledVae, TdmSampler sampler, TensorDevice device)
{
    /// <summary>The VAE for frames larger than one tile.</summary>
    public TiledVae TiledVae => tiledVae;

    /// <summary>Tiles the sampler evaluates in one batch now (<see cref="TdmSampler.TileBatch"/>).</summary>
    public int TileBatch => sampler.TileBatch;

    /// <summary>Network evaluations of a chunk, for progress: one VAE encode stage, every inversion and sampling
    /// step on every one of <paramref name="tiles"/> tiles, one VAE decode stage (each reported once through
    /// <c>stageDone</c>).</summary>
    public static int Evaluations(SamplerSettings settings, int tiles) => ((settings.InversionSteps + settings.SamplingSteps) * tiles) + 2;

    /// <summary>
    /// Restores <paramref name="frames"/> ([F, 3, H, W] in [0, 1]: the degraded context frames at the processing
    /// size, which are also the ControlNet's conditioning). The embeddings are [1, 77, D] for the prompt and the
    /// negative prompt. Hands each decoded frame the chunk owns to <paramref name="decoded"/> as it comes: its index
    /// among the owned frames (<paramref name="ownedOffset"/> + index in the context) and the frame as [1, 3, H, W] in
    /// [-1, 1], valid only during the call (its array is reused for the next frame).
    /// <paramref name="shots"/> (shot lengths; null: one shot) are the frames' scene cuts, which frame mixing never crosses.
    /// </summary>
    public void Run(HostTensor frames, HostTensor promptEmbedding, HostTensor negativeEmbedding, SamplerSettings settings,
        int ownedOffset, int ownedCount, Action<int, HostTensor> decoded, Action<string>? stageDone = null, CancellationToken cancel = default,
        IReadOnlyList<int>? shots = null)
    {
        if (ownedCount < 1)
            throw new ArgumentOutOfRangeException(nameof(ownedCount), ownedCount, "a chunk owns at least one frame");
        var grid = TdmSampler.Tiles((int)frames.Shape[3] / 8, (int)frames.Shape[2] / 8, settings);
        OrtValue latents;
        try
        {
            latents = Encode(frames, grid, settings.TileSize, cancel);
        }
        finally
        {
            tiledVae.ReleaseBuffers();
        }
        using (latents)
        {
            stageDone?.Invoke("encode");
            using var final = sampler.Run(latents, frames, promptEmbedding, negativeEmbedding, settings, stageDone, cancel: cancel, shots: shots);
            try
            {
                Decode(final, ownedOffset, ownedCount, grid, settings.TileSize, decoded, cancel);
                stageDone?.Invoke("decode");
            }
            finally
            {
                tiledVae.ReleaseBuffers();
            }
        }
    }

    // Frame by frame: the VAE's activations at full resolution dwarf the U-Net's, so it never sees a whole chunk.
    // x = 2 f - 1 maps the frames to the VAE's [-1, 1] in one array for every frame (the device copies it, or reads it
    // during the frame's run only); the latents (mean x scaling factor) are joined on the device.
    private OrtValue Encode(HostTensor frames, LatentTiles grid, int tile, CancellationToken cancel)
    {
        int count = (int)frames.Shape[0], size = frames.Data.Length / count;
        var latents = new List<OrtValue>(count);
        var image = new HostTensor([1, .. frames.Shape[1..]]);
        try
        {
            for (int i = 0; i < count; i++)
            {
                var source = frames.Data.AsSpan(i * size, size);
                var target = image.Data.AsSpan();
                for (int p = 0; p < size; p++)
                    target[p] = (source[p] * 2f) - 1f;
                if (grid.IsWhole)
                {
                    using var input = device.Upload(image);
                    latents.Add(device.Run(vaeEncoder, [(VaeGraph.Image, input)], [VaeGraph.Latent], cancel)[0]);
                }
                else
                    latents.Add(device.Upload(tiledVae.Encode(image, tile, cancel)));
            }
            return device.Concat(latents);
        }
        finally
        {
            latents.ForEach(l => l.Dispose());
        }
    }

    private void Decode(OrtValue latents, int offset, int count, LatentTiles grid, int tile, Action<int, HostTensor> decoded, CancellationToken cancel)
    {
        for (int i = 0; i < count; i++)
        {
            using var latent = device.Take(latents, offset + i);
            if (grid.IsWhole)
            {
                var outputs = device.Run(vaeDecoder, [(VaeGraph.Latent, latent)], [VaeGraph.Image], cancel);
                using var image = outputs[0];
                decoded(i, device.Download(image));
            }
            else
            {
                var image = tiledVae.Decode(device.Download(latent), tile, cancel);
                decoded(i, image);
                tiledVae.Recycle(image);
            }
        }
    }
}
