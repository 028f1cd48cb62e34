using Tdm.Engine.Diffusion;
using Tdm.Engine.Imaging;
using Tdm.Engine.Runtime;
using Tdm.Engine.Text;

namespace Tdm.Engine.Video;

/// <summary>
/// Restores one chunk: the context frames are resized to the processing size (short side 512, multiples of 64;
/// super-resolution targets the enlarged size), encoded by the VAE, denoised by <see cref="TdmSampler"/> (DDIM
/// inversion + SW-CFA sampling, conditioned on the degraded frames through the ControlNet and on the task's
/// prompt), and the owned frames are decoded, resized to the output size, colour-corrected against the input and
/// given back the input's alpha.
/// </summary>
internal sealed class ChunkRestorer(TdmModel model, TaskPrompts prompts)
{
    /// <summary>Network evaluations of a chunk besides the sampler's steps: one VAE encode and one decode stage.</summary>
    public const int VaeStages = 2;

    public Frame[] Restore(IReadOnlyList<Frame> context, int ownedOffset, int ownedCount, RestoreSettings settings,
        Action<string>? stageDone, CancellationToken cancel)
    {
        var first = context[0];
        if (context.Any(f => f.Width != first.Width || f.Height != first.Height))
            throw new TdmException(TdmErrorKind.Input, $"the frames of a chunk differ in size ({string.Join(", ", context.Select(f => $"{f.Width}x{f.Height}").Distinct())})");
        var size = ProcessingSize.For(first.Width, first.Height, settings.Scale, settings.ShortSide);
        var processed = context.Select(f => Resampler.Resize(f, size.Width, size.Height)).ToArray();

        var latents = Encode(processed, cancel);
        stageDone?.Invoke("encode");
        var control = new HostTensor(FrameTensors.ToConditioning(processed), processed.Length, 3, size.Height, size.Width);
        var prompt = model.Prompts.For(prompts.For(settings.Task, settings.Prompt));
        var negative = model.Prompts.For(settings.NegativePrompt);
        using var latentsOnDevice = model.Device.Upload(latents);
        HostTensor final;
        using (var result = model.Sampler.Run(latentsOnDevice, control, prompt, negative, settings.Sampler, stageDone, cancel: cancel))
            final = model.Device.Download(result);

        var owned = new Frame[ownedCount];
        for (int i = 0; i < ownedCount; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var source = context[ownedOffset + i];
            var decoded = Decode(final, ownedOffset + i, size, cancel);
            owned[i] = Finish(decoded, source, size, settings.ColourFix);
        }
        stageDone?.Invoke("decode");
        return owned;
    }

    // Frame by frame: the VAE's activations at full resolution dwarf the U-Net's, so it never sees a whole chunk.
    private HostTensor Encode(Frame[] frames, CancellationToken cancel)
    {
        HostTensor? all = null;
        for (int i = 0; i < frames.Length; i++)
        {
            var input = new HostTensor(FrameTensors.ToVaeInput([frames[i]]), 1, 3, frames[i].Height, frames[i].Width);
            using var value = input.AsOrtValue();
            using var outputs = model.VaeEncoder.Run([Graphs.VaeGraph.Image], [value], [Graphs.VaeGraph.Latent], cancel);
            var latent = HostTensor.From(outputs[0]);
            all ??= new HostTensor([frames.Length, .. latent.Shape[1..]]);
            latent.Data.CopyTo(all.Data, i * latent.Data.Length);
        }
        return all!;
    }

    private Frame Decode(HostTensor latents, int index, ProcessingSize size, CancellationToken cancel)
    {
        int n = latents.Data.Length / (int)latents.Shape[0];
        var one = new HostTensor(latents.Data.AsSpan(index * n, n).ToArray(), [1, .. latents.Shape[1..]]);
        using var value = one.AsOrtValue();
        using var outputs = model.VaeDecoder.Run([Graphs.VaeGraph.Latent], [value], [Graphs.VaeGraph.Image], cancel);
        return FrameTensors.FromVaeOutput(outputs[0].GetTensorDataAsSpan<float>(), 0, size.Width, size.Height);
    }

    // Back to the output size; the colour fix compares with the input at that size; alpha is the input's.
    private static Frame Finish(Frame decoded, Frame source, ProcessingSize size, ColourFix fix)
    {
        var restored = Resampler.Resize(decoded, size.OutputWidth, size.OutputHeight);
        var reference = source.Width == size.OutputWidth && source.Height == size.OutputHeight
            ? source
            : Resampler.Resize(source, size.OutputWidth, size.OutputHeight);
        restored = ColourCorrection.Apply(fix, restored, reference);
        var pixels = restored.Pixels;
        var alpha = reference.Pixels;
        for (int p = 3; p < pixels.Length; p += 4)
            pixels[p] = alpha[p];
        return restored;
    }
}
