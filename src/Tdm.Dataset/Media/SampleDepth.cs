namespace Tdm.Dataset.Media;

/// <summary>How many bits a channel sample of an image or video has; decides the raw format we decode to and write.</summary>
public enum SampleDepth
{
    /// <summary>8 bits or fewer per channel: decoded as rgba.</summary>
    Bits8,
    /// <summary>9 to 16 bits per channel (10-bit video, 16-bit PNG/TIFF): decoded as rgba64le.</summary>
    Bits16,
    /// <summary>16-bit float (half EXR): decoded as 32-bit float.</summary>
    Half,
    /// <summary>32-bit float (EXR): decoded as gbrapf32le.</summary>
    Float,
}
