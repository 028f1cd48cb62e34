using Tdm.Engine.Diffusion;
using Tdm.Engine.Text;

namespace Tdm.Engine.Models;

/// <summary>
/// A Stable Diffusion 1.5 model with its restoration ControlNet, compiled for one device: the prompt embeddings
/// (the text encoder behind a cache) and the pipeline over the VAE, U-Net and ControlNet. Sessions accept concurrent
/// runs, so one model serves every clip that uses it. Owns its sessions.
/// </summary>
internal sealed class TdmModel(string identity, PromptEmbeddings prompts, TdmPipeline pipeline, IReadOnlyList<IDisposable> owned) : IDisposable
{
    /// <summary>What identifies the model's weights (paths, sizes, times) and the device in cache keys.</summary>
    public string Identity { get; } = identity;

    public PromptEmbeddings Prompts { get; } = prompts;

    public TdmPipeline Pipeline { get; } = pipeline;

    public void Dispose()
    {
        foreach (var item in owned)
            item.Dispose();
    }
}
