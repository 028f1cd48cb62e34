namespace Tdm.Engine.Diffusion;

/// <summary>
/// One DDIM step's scalars: the model is evaluated at <see cref="Timestep"/>; the latent moves from noise level
/// alpha-bar_src to alpha-bar_dst. Square roots are taken in float32 as diffusers does.
/// </summary>
internal readonly record struct DdimCoefficients(int Timestep, float AlphaSource, float AlphaTarget)
{
    public float SqrtAlphaSource => MathF.Sqrt(AlphaSource);

    public float SqrtOneMinusAlphaSource => MathF.Sqrt(1f - AlphaSource);

    public float SqrtAlphaTarget => MathF.Sqrt(AlphaTarget);

    public float SqrtOneMinusAlphaTarget => MathF.Sqrt(1f - AlphaTarget);
}
