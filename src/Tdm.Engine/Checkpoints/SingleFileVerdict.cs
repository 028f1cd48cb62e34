namespace Tdm.Engine.Checkpoints;

/// <summary>The verdict of <see cref="SingleFileProbe"/>: the kind, the family name, what the file is in words
/// ("an SDXL checkpoint (...)") and, for a ControlNet, the key prefix ("control_model." or "").</summary>
internal sealed record SingleFileVerdict(SingleFileKind Kind, string Family, string What, string ControlNetPrefix = "");
