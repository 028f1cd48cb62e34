namespace Tdm.Engine;

/// <summary>Where a user's model is: a Stable Diffusion 1.5 diffusers folder or single .safetensors file, the
/// restoration ControlNet (a folder or a file; default: the model folder's controlnet/), and optionally a tokenizer
/// folder (needed for single files that have no tokenizer beside them).</summary>
public sealed record ModelPaths(string Model, string? ControlNet = null, string? Tokenizer = null);
