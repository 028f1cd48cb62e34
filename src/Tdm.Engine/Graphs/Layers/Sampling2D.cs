namespace Tdm.Engine.Graphs.Layers;

/// <summary>diffusers' Downsample2D and Upsample2D with their convolutions.</summary>
internal static class Sampling2D
{
    /// <summary>
    /// Stride-2 3x3 convolution; x: [B, C, H, W] -> [B, C, H/2, W/2]. The U-Net pads 1 on every side; the VAE
    /// (padding 0) pads only right and bottom, as diffusers' F.pad(x, (0, 1, 0, 1)).
    /// </summary>
    public static Value Downsample(Nn nn, string key, Value x, int channels, bool asymmetricPadding) =>
        nn.Conv2d($"{key}.conv", x, channels, channels, kernel: 3, stride: 2,
            pads: asymmetricPadding ? [0, 0, 1, 1] : [1, 1, 1, 1]);

    /// <summary>Nearest 2x then a 3x3 convolution; x: [B, C, H, W] -> [B, C, 2H, 2W].</summary>
    public static Value Upsample(Nn nn, string key, Value x, int channels) =>
        nn.Conv2d($"{key}.conv", nn.G.UpsampleNearest2x(x), channels, channels);
}
