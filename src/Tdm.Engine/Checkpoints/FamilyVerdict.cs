namespace Tdm.Engine.Checkpoints;

/// <summary>What family a model is, and the refusal message when TDM does not run it (null when it does).</summary>
internal readonly record struct FamilyVerdict(string Family, string? Refusal);
