namespace Tdm.Engine.Diffusion;

/// <summary>diffusers' timestep_spacing options for choosing n of T training timesteps.</summary>
internal static class TimestepSpacing
{
    public static int[] Descending(int trainTimesteps, int steps, int stepsOffset, string spacing)
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
