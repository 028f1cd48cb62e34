namespace Tdm.Engine.Diffusion;

/// <summary>diffusers' timestep_spacing options for choosing n of T training timesteps.</summary>
internal static class TimestepSpacing
{
    /// <summary>The <paramref name="steps"/> timesteps, descending. "leading" adds steps_offset, which can push the
    /// first one past the schedule (SD1.5's offset 1 with 1000 steps reaches 1000): refused, as a step count.</summary>
    public static int[] Descending(int trainTimesteps, int steps, int stepsOffset, string spacing)
    {
        int[] timesteps = Choose(trainTimesteps, steps, stepsOffset, spacing);
        if (timesteps.Length > 0 && (timesteps[0] >= trainTimesteps || timesteps[^1] < 0))
            throw new TdmException(TdmErrorKind.BadArgument,
                $"{steps} steps with the scheduler's steps_offset {stepsOffset} ({spacing} spacing) reach timestep {timesteps[0]}, past its {trainTimesteps} training timesteps: use fewer steps");
        return timesteps;
    }

    private static int[] Choose(int trainTimesteps, int steps, int stepsOffset, string spacing)
    {
        switch (spacing)
        {
            case "leading":
            {
                int ratio = trainTimesteps / steps;
                return Enumerable.Range(0, steps).Reverse().Select(i => (i * ratio) + stepsOffset).ToArray();
            }
            case "trailing":
            {
                double ratio = trainTimesteps / (double)steps;
                return Enumerable.Range(0, steps).Select(i => (int)Math.Round(trainTimesteps - (i * ratio), MidpointRounding.ToEven) - 1).ToArray();
            }
            case "linspace":
                return Enumerable.Range(0, steps).Reverse()
                    .Select(i => (int)Math.Round(steps == 1 ? 0 : i * (trainTimesteps - 1) / (double)(steps - 1), MidpointRounding.ToEven)).ToArray();
            default:
                throw new TdmException(TdmErrorKind.Model, $"scheduler timestep_spacing '{spacing}' is not supported (leading, trailing or linspace)");
        }
    }
}
