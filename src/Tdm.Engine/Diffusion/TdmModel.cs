using Tdm.Engine.Runtime;
using Tdm.Engine.Text;

namespace Tdm.Engine.Diffusion;

/// <summary>
/// A Stable Diffusion 1.5 model with its restoration ControlNet, compiled for one device: the text encoder (behind
/// a prompt cache), the VAE's encoder and decoder, the U-Net and ControlNet with the DDIM sampler. Sessions accept
/// concurrent runs, so one model serves every clip that uses it. Owns its sessions.
/// </summary>
internal sealed class TdmModel(string identity, PromptEmbeddings prompts, NetworkSession vaeEncoder, NetworkSession vaeDecoder,
    TdmNetworks networks, TensorDevice device, DdimScheduler scheduler, NetworkSession textEncoder, bool splitGuidance) : IDisposable
{
    /// <summary>What identifies the model's weights (paths, sizes, times) in cache keys.</summary>
    public string Identity { get; } = identity;

    public PromptEmbeddings Prompts { get; } = prompts;

    public NetworkSession VaeEncoder { get; } = vaeEncoder;

    public NetworkSession VaeDecoder { get; } = vaeDecoder;

    public TensorDevice Device { get; } = device;

    public TdmSampler Sampler { get; } = new(networks, device, scheduler, splitGuidance);

    public void Dispose()
    {
        networks.Dispose();
        VaeEncoder.Dispose();
        VaeDecoder.Dispose();
        textEncoder.Dispose();
    }
}
