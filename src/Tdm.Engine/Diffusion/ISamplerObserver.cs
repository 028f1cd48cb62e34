using Microsoft.ML.OnnxRuntime;

namespace Tdm.Engine.Diffusion;

/// <summary>Sees every intermediate latent of a run (tests, debugging); values are valid only during the call.</summary>
internal interface ISamplerObserver
{
    void Inverted(int step, OrtValue latents, OrtValue noisePred);

    void Sampled(int step, OrtValue latents, OrtValue noisePred);
}
