namespace Tdm.Engine;

/// <summary>
/// Optional correction of the colour drift a VAE round trip introduces, measured against the (resized) input frame.
/// Implemented by <see cref="Imaging.ColourCorrection"/>.
/// </summary>
public enum ColourFix
{
    /// <summary>Leave the restored colours as the decoder made them.</summary>
    None,
    /// <summary>
    /// Replace the restored frame's low-frequency band (a 5-level a-trous wavelet decomposition) by the input's,
    /// keeping the restored detail: fixes local colour casts; the usual choice.
    /// </summary>
    Wavelet,
    /// <summary>Match each colour channel's mean and standard deviation to the input's (adaptive instance normalisation).</summary>
    AdaIn,
}
