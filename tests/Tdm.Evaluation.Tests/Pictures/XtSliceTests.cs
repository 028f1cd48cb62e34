using Tdm.Engine.Imaging;
using Tdm.Evaluation.Pictures;

namespace Tdm.Evaluation.Tests.Pictures;

public class XtSliceTests
{
    private const int W = 20, H = 12, T = 6;

    [Fact]
    public void ToFrame_ColumnSlice_ColumnTIsTheChosenColumnOfFrameT()
    {
        var (inputs, outputs) = Frames();
        var slice = new XtSlice(SliceAxis.Column, 7);
        for (int t = 0; t < T; t++)
            slice.Add(inputs[t], outputs[t]);
        var picture = slice.ToFrame();
        Assert.Equal(((2 * T) + XtSlice.Gap, H), (picture.Width, picture.Height));
        for (int t = 0; t < T; t++)
            for (int y = 0; y < H; y++)
            {
                Assert.Equal(inputs[t][7, y].ToArray(), picture[t, y].ToArray());
                Assert.Equal(outputs[t][7, y].ToArray(), picture[T + XtSlice.Gap + t, y].ToArray());
            }
        Assert.Equal([1f, 1f, 1f, 1f], picture[T, 3].ToArray()); // the gap is white
    }

    [Fact]
    public void ToFrame_RowSlice_RowTIsTheChosenRowOfFrameT()
    {
        var (inputs, outputs) = Frames();
        var slice = new XtSlice(SliceAxis.Row, 11);
        for (int t = 0; t < T; t++)
            slice.Add(inputs[t], outputs[t]);
        var picture = slice.ToFrame();
        Assert.Equal(((2 * W) + XtSlice.Gap, T), (picture.Width, picture.Height));
        for (int t = 0; t < T; t++)
            for (int x = 0; x < W; x++)
            {
                Assert.Equal(inputs[t][x, 11].ToArray(), picture[x, t].ToArray());
                Assert.Equal(outputs[t][x, 11].ToArray(), picture[W + XtSlice.Gap + x, t].ToArray());
            }
    }

    [Fact]
    public void Add_PositionOutsideTheFrame_Throws()
    {
        var slice = new XtSlice(SliceAxis.Column, W);
        Assert.Throws<ArgumentOutOfRangeException>(() => slice.Add(new Frame(W, H), new Frame(W, H)));
        Assert.Throws<InvalidOperationException>(slice.ToFrame);
    }

    private static (Frame[] Inputs, Frame[] Outputs) Frames() =>
        ([.. Enumerable.Range(0, T).Select(t => Clips.Numbered(W, H, t))], [.. Enumerable.Range(0, T).Select(t => Clips.Numbered(W, H, 100 + t))]);
}
