namespace Tdm.Engine.Video;

/// <summary>Progress of a restoration: network evaluations done of the total for the chunks being computed, and
/// what is happening ("encode", "invert", "sample", "decode", "cached").</summary>
public readonly record struct RestoreProgress(int StepsDone, int StepsTotal, string Stage)
{
    /// <summary>Fraction done in [0, 1].</summary>
    public double Fraction => StepsTotal == 0 ? 1 : Math.Clamp((double)StepsDone / StepsTotal, 0, 1);
}
