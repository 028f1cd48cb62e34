using Tdm.Evaluation.Flow;
using Tdm.Evaluation.Warping;

namespace Tdm.Evaluation.Tests.Warping;

public class OcclusionMaskTests
{
    private const int W = 64, H = 40;

    [Fact]
    public void Visible_SquareMovingOverStillBackground_LeavesOutTheBandItCoversAndItsEdges()
    {
        // A 12x12 square at x 20..31, y 14..25 moves 4 px right: in frame t+1 it covers x 24..35.
        const int X0 = 20, X1 = 32, Y0 = 14, Y1 = 26, Shift = 4;
        var forward = Region(X0, X1, Y0, Y1, Shift);
        var backward = Region(X0 + Shift, X1 + Shift, Y0, Y1, -Shift);
        var visible = OcclusionMask.Visible(forward, backward);
        for (int y = Y0; y < Y1 - 1; y++)
            for (int x = X1; x < X1 + Shift; x++)
                Assert.True(visible[(y * W) + x] == 0, $"({x}, {y}) is covered by the square in t+1 but was left visible");
        // The trailing band is background at t+1 but square at t: the square's pixels there match, so they count.
        for (int y = Y0; y < Y1 - 1; y++)
            for (int x = X0; x < X0 + Shift; x++)
                Assert.True(visible[(y * W) + x] == 1, $"({x}, {y}) moves with the square and has a match");
        // Motion boundaries: the column and row where the flow jumps (forward differences).
        Assert.Equal(0, visible[(20 * W) + X0 - 1]);
        Assert.Equal(0, visible[(20 * W) + X1 - 1]);
        Assert.Equal(0, visible[((Y1 - 1) * W) + 25]);
        // Far from the square everything is visible.
        Assert.All(new[] { (2, 2), (60, 36), (10, 30), (50, 5) }, p => Assert.Equal(1, visible[(p.Item2 * W) + p.Item1]));
        int occluded = visible.Count(v => v == 0);
        Assert.InRange(occluded, (Shift * 12) + 12, (Shift * 12) + (4 * 14)); // the band plus about one edge per side
    }

    [Fact]
    public void Visible_ContentLeavingTheFrame_IsLeftOut()
    {
        var visible = OcclusionMask.Visible(FlowField.Uniform(W, H, 3f, 0f), FlowField.Uniform(W, H, -3f, 0f));
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                Assert.Equal(x + 3 <= W - 1 ? 1f : 0f, visible[(y * W) + x]);
    }

    [Fact]
    public void Visible_EstimatedFlowOfAPan_CoversTheBandLeavingTheFrame()
    {
        // Content pans 4 px right: the right 4 columns of frame t have no match in t+1. Flow estimated by OpenCV.
        const int Width = 128, Height = 64, Shift = 4;
        var a = Clips.Moving(0, Width, Height, Shift, 0);
        var b = Clips.Moving(1, Width, Height, Shift, 0);
        var visible = OcclusionMask.Visible(OpticalFlow.Estimate(a, b), OpticalFlow.Estimate(b, a));
        int band = 0, covered = 0, interior = 0, kept = 0;
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                if (x >= Width - Shift)
                    (band, covered) = (band + 1, covered + (visible[(y * Width) + x] == 0 ? 1 : 0));
                else if (x >= 8 && x < Width - 16 && y >= 8 && y < Height - 8)
                    (interior, kept) = (interior + 1, kept + (int)visible[(y * Width) + x]);
            }
        // Farneback's flow shrinks a little at the frame's edge, so a few pixels of the band's inner column may land inside.
        Assert.True(covered >= 0.95 * band, $"{band - covered} of the {band} pixels leaving the frame were left visible");
        Assert.True(kept >= 0.95 * interior, $"only {kept} of {interior} interior pixels were kept visible");
    }

    [Fact]
    public void Visible_InconsistentBackwardFlow_IsOccluded()
    {
        // Forward 2 px right, backward 0: |w + b'|^2 = 4 > 0.01 * 4 + 0.5.
        var visible = OcclusionMask.Visible(FlowField.Uniform(W, H, 2f, 0f), FlowField.Uniform(W, H, 0f, 0f));
        Assert.All(visible, v => Assert.Equal(0f, v));
        // Within the absolute slack (0.5 px^2) the pair is consistent.
        visible = OcclusionMask.Visible(FlowField.Uniform(W, H, 2f, 0f), FlowField.Uniform(W, H, -1.4f, 0f));
        Assert.Equal(1f, visible[(10 * W) + 10]);
    }

    private static FlowField Region(int x0, int x1, int y0, int y1, float dx)
    {
        var flow = new float[2 * W * H];
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
                flow[2 * ((y * W) + x)] = dx;
        return new FlowField(W, H, flow);
    }
}
