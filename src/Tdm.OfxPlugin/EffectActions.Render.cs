using Tdm.Engine.Imaging;
using Tdm.OfxPlugin.Host;
using Tdm.OfxPlugin.Interop;
using Tdm.OfxPlugin.Restoration;
using Tdm.Engine.Video;

namespace Tdm.OfxPlugin;

internal sealed unsafe partial class EffectActions
{
    /// <summary>
    /// Render: restore the frame at the render time (the engine restores its chunk once from the context frames,
    /// fetched from the Source clip on demand, and serves the chunk's other frames from its cache), then write the
    /// render window of the Output image. Thumbnails pass the source through: a thumbnail is not worth a chunk.
    /// </summary>
    private int Render(EffectInstance instance, PropertySet inArgs)
    {
        var time = inArgs.GetDouble(OfxCoreNames.kOfxPropTime);
        var renderScale = inArgs.GetDoubleOr(OfxImageEffectNames.kOfxImageEffectPropRenderScale, 1.0);
        Span<int> w = stackalloc int[4];
        inArgs.GetInts(OfxImageEffectNames.kOfxImageEffectPropRenderWindow, w);
        var window = new OfxRectI(w[0], w[1], w[2], w[3]);
        var (first, length) = instance.SourceFrames();
        var index = EffectInstance.FrameIndex(time, first, length);
        using var abort = new CancellationTokenSource();
        var frames = new HostFrameSource(instance, first, length, abort);

        using var output = instance.Output.GetImage(time);
        var (source, sourceRect) = frames.Fetch(index);
        if (inArgs.GetIntOr(OfxImageEffectNames.kOfxImageEffectPropThumbnailRender, 0) != 0)
        {
            PixelConversion.Write(source, sourceRect, output.View, window);
            return OfxStatus.kOfxStatOK;
        }

        var request = EffectSettings.Read(instance.Params, time, renderScale);
        // The output is larger only where the host allocated the larger region we asked for (Natron does; Resolve's
        // Edit and Color pages give timeline-sized buffers, where detail is restored at the timeline's size).
        var scale = request.Settings.EffectiveScale;
        var outRect = Scaled(sourceRect, scale);
        if (scale != 1 && (output.View.Bounds.Width < outRect.Width || output.View.Bounds.Height < outRect.Height))
        {
            outRect = sourceRect;
            request = request with { Settings = request.Settings with { Scale = 1 } };
        }

        var progress = new HostProgress(suites, instance.Handle);
        progress.Start($"TDM: restoring frame {first + index}");
        Frame restored;
        try
        {
            // The engine would load the model inside RestoreFrame, deaf to the host's abort flag; load it first,
            // polling the flag, so a render abandoned while SD1.5 compiles returns at once.
            ModelLoading.Run(() => restorer.LoadModel(request.Models, request.Device), frames.PollAbort, ModelLoading.PollInterval);
            restored = restorer.RestoreFrame(frames, index, request, new AbortingProgress(progress, frames, abort), abort.Token);
        }
        finally
        {
            progress.End();
        }
        if (restored.Width != outRect.Width || restored.Height != outRect.Height)
            throw new Engine.TdmException(Engine.TdmErrorKind.Internal,
                $"the engine returned a {restored.Width}x{restored.Height} frame for a {outRect.Width}x{outRect.Height} output");
        PixelConversion.Write(restored, outRect, output.View, window);
        HostMessages.ClearPersistent(suites, instance.Handle.Value);
        return OfxStatus.kOfxStatOK;
    }

    private static OfxRectI Scaled(OfxRectI r, int s) => new(r.x1 * s, r.y1 * s, r.x2 * s, r.y2 * s);

    /// <summary>
    /// Forwards the engine's progress to the host's bar and turns the host's stop requests (progressUpdate's
    /// kOfxStatReplyNo, the abort flag) into cancellation of the render's token, checked between diffusion steps.
    /// </summary>
    private sealed class AbortingProgress(HostProgress progress, HostFrameSource frames, CancellationTokenSource abort) : IProgress<RestoreProgress>
    {
        public void Report(RestoreProgress value)
        {
            if (!progress.Update(value.Fraction))
                abort.Cancel();
            try
            {
                frames.PollAbort();
            }
            catch (OperationCanceledException)
            {
                // The engine sees the cancelled token at its next check; throwing from a progress callback would not
                // tell it more.
            }
        }
    }
}
