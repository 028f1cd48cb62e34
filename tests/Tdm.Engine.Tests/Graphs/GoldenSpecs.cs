using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Configs;

namespace Tdm.Engine.Tests.Graphs;

/// <summary>Architecture specs of the golden tiny models, from their config.json files.</summary>
internal static class GoldenSpecs
{
    private static string Config(string component) => Tdm.Tests.Golden.Path("models", component, "config.json");

    public static UNetSpec UNet() => NetworkSpecs.UNet(UNetConfig.Load(Config("unet")));

    public static ControlNetSpec ControlNet() => NetworkSpecs.ControlNet(ControlNetConfig.Load(Config("controlnet")));

    public static VaeSpec Vae() => NetworkSpecs.Vae(VaeConfig.Load(Config("vae")));

    public static ClipTextSpec Clip() => NetworkSpecs.ClipText(ClipTextConfig.Load(Config("text_encoder")));
}
