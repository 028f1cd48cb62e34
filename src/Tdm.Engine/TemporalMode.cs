namespace Tdm.Engine;

/// <summary>How self-attention combines frames (the U-Net's attn1 layers, optionally the ControlNet's).</summary>
public enum TemporalMode
{
    /// <summary>Sliding-window cross-frame attention: keys and values averaged over frames i-r..i+r (the paper's).</summary>
    SwCfa,
    /// <summary>Every frame attends to the first frame's keys and values (Text2Video-Zero).</summary>
    FirstFrame,
    /// <summary>Plain per-frame self-attention.</summary>
    Off,
}
