using Tdm.Engine.Imaging;

namespace Tdm.Engine.Metrics;

/// <summary>
/// How visible tile edges are: the mean absolute RGB step between neighbouring columns (and rows) at the edges,
/// over the same step everywhere else. About 1 on smooth content when tiles blend; well above where they seam.
/// </summary>
internal static class Seams
{
    public static double Ratio(IReadOnlyList<Frame> frames, IReadOnlySet<int> columns, IReadOnlySet<int> rows)
    {
        double edge = 0, other = 0;
        long edgeCount = 0, otherCount = 0;
        foreach (var f in frames)
            for (int y = 0; y < f.Height; y++)
                for (int x = 0; x < f.Width; x++)
                {
                    if (x > 0)
                        Add(Step(f, x, y, x - 1, y), columns.Contains(x));
                    if (y > 0)
                        Add(Step(f, x, y, x, y - 1), rows.Contains(y));
                }
        return edge / edgeCount / (other / otherCount);

        void Add(double step, bool atEdge)
        {
            if (atEdge)
                (edge, edgeCount) = (edge + step, edgeCount + 1);
            else
                (other, otherCount) = (other + step, otherCount + 1);
        }
    }

    private static double Step(Frame f, int x, int y, int x0, int y0)
    {
        var a = f[x, y];
        var b = f[x0, y0];
        return Math.Abs(a[0] - b[0]) + Math.Abs(a[1] - b[1]) + Math.Abs(a[2] - b[2]);
    }
}
