using Tdm.Engine.Diffusion;
using Tdm.Engine.Imaging;
using Tdm.Engine.Models;
using Tdm.Engine.Runtime;
using Tdm.Engine.Text;

namespace Tdm.Engine.Video;

/// <summary>
/// Restores one chunk: the context frames are brought to the processing size (full resolution, enlarged below 512 and
/// padded to multiples of 64, or resized to a short side; super-resolution targets the enlarged size) and handed to
/// the model's pipeline with the task's prompt (VAE encode, DDIM inversion, SW-CFA sampling conditioned on the
/// degraded frames through the ControlNet, VAE decode), with the context split into shots at scene cuts
/// (<see cref="SceneCuts"/>) so frame mixing never crosses one;
/// the owned frames come back resized to the output size, colour-corrected against the input and given back the
/// input's alpha.
/// </summary>
internal sealed class ChunkRestorer(TdmModel model, TaskPrompts prompts)
{
    public Frame[] Restore(IReadOnlyList<Frame> context, int ownedOffset, int ownedCount, RestoreSettings settings,
        Action<string>? stageDone, CancellationToken cancel)
    {
        var first = context[0];
        if (context.Any(f => f.Width != first.Width || f.Height != first.Height))
            throw new TdmException(TdmErrorKind.Input, $"the frames of a chunk differ in size ({string.Join(", ", context.Select(f => $"{f.Width}x{f.Height}").Distinct())})");
        var size = SizeOf(first.Width, first.Height, settings);
        // Each context frame is written straight into the conditioning tensor, padded as it goes: no frame-sized copy
        // but a resize, and none at all at full resolution.
        int image = 3 * size.Width * size.Height;
        var frames = new HostTensor(context.Count, 3, size.Height, size.Width);
        for (int i = 0; i < context.Count; i++)
            FrameTensors.WriteConditioning(Resized(context[i], size.ContentWidth, size.ContentHeight), frames.Data.AsSpan(i * image, image), size.Width, size.Height);
        var prompt = model.Prompts.For(prompts.For(settings.Task, settings.Prompt));
        var negative = model.Prompts.For(settings.NegativePrompt);
        // Shots come from the host frames of the context (before resizing), so the decision is the same for every
        // render of the chunk; with plain attention nothing mixes and nothing needs detecting.
        int[] shots = settings.SceneCuts && settings.Temporal != TemporalMode.Off
            ? SceneCuts.Shots(context, settings.CutThreshold)
            : [context.Count];
        var owned = new Frame[ownedCount];
        model.Pipeline.Run(frames, prompt, negative, settings.Sampler, ownedOffset, ownedCount,
            (i, decoded) => owned[i] = Finish(FrameTensors.FromVaeOutput(decoded.Data, 0, size.Width, size.Height, size.ContentWidth, size.ContentHeight),
                context[ownedOffset + i], size, settings.ColourFix),
            stageDone, cancel, shots);
        return owned;
    }

    /// <summary>The sizes a <paramref name="width"/> x <paramref name="height"/> frame goes through under
    /// <paramref name="settings"/>: full resolution, or resized to the short side given.</summary>
    public static ProcessingSize SizeOf(int width, int height, RestoreSettings settings) => settings.ShortSide is { } shortSide
        ? ProcessingSize.For(width, height, settings.EffectiveScale, shortSide)
        : ProcessingSize.AtFullResolution(width, height, settings.EffectiveScale);

    /// <summary>The canvas and tile grid of a <paramref name="width"/> x <paramref name="height"/> frame.</summary>
    public static ProcessingPlan PlanOf(int width, int height, RestoreSettings settings)
    {
        var size = SizeOf(width, height, settings);
        var tiles = TdmSampler.Tiles(size.Width / 8, size.Height / 8, settings.Sampler);
        return new ProcessingPlan(size.Width, size.Height, [.. tiles.Tiles.Select(t => (t.X * 8, t.Y * 8, t.Width * 8, t.Height * 8))]);
    }

    // Back to the output size; the colour fix compares with the input at that size; alpha is the input's (the one
    // place alpha is restored: the networks see RGB only). The decoded frame is this chunk's own, so it is changed in place.
    private static Frame Finish(Frame decoded, Frame source, ProcessingSize size, ColourFix fix)
    {
        var reference = Resized(source, size.OutputWidth, size.OutputHeight);
        var restored = ColourCorrection.Apply(fix, Resized(decoded, size.OutputWidth, size.OutputHeight), reference);
        var pixels = restored.Pixels;
        var alpha = reference.Pixels;
        for (int p = 3; p < pixels.Length; p += 4)
            pixels[p] = alpha[p];
        return restored;
    }

    // The frame at the size given: itself when it has it (it is only read, or is the chunk's own), not a copy.
    private static Frame Resized(Frame frame, int width, int height) =>
        frame.Width == width && frame.Height == height ? frame : Resampler.Resize(frame, width, height);
}
