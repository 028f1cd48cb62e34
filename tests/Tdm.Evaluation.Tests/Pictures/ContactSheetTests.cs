using Tdm.Engine.Imaging;
using Tdm.Evaluation.Pictures;

namespace Tdm.Evaluation.Tests.Pictures;

public class ContactSheetTests
{
    [Fact]
    public void ToFrame_FiveSmallFramesInRowsOfThree_PlacesEachInputAboveItsOutput()
    {
        const int W = 10, H = 6, Gap = XtSlice.Gap;
        var sheet = new ContactSheet(columns: 3, maxCellWidth: 32);
        var cells = Enumerable.Range(0, 5).Select(i => (Clips.Numbered(W, H, i), Clips.Numbered(W, H, 50 + i))).ToList();
        foreach (var (input, output) in cells)
            sheet.Add(input, output);
        var picture = sheet.ToFrame();
        int cellHeight = (2 * H) + Gap;
        Assert.Equal(((3 * W) + (2 * Gap), (2 * cellHeight) + Gap), (picture.Width, picture.Height));
        for (int i = 0; i < 5; i++)
        {
            int x0 = (i % 3) * (W + Gap), y0 = (i / 3) * (cellHeight + Gap);
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++)
                {
                    Assert.Equal(cells[i].Item1[x, y].ToArray(), picture[x0 + x, y0 + y].ToArray());
                    Assert.Equal(cells[i].Item2[x, y].ToArray(), picture[x0 + x, y0 + H + Gap + y].ToArray());
                }
        }
        Assert.Equal([1f, 1f, 1f, 1f], picture[picture.Width - 1, picture.Height - 1].ToArray()); // the empty sixth cell
    }

    [Fact]
    public void Add_FrameWiderThanACell_IsShrunkByAWholeFactorToBlockMeans()
    {
        var sheet = new ContactSheet(columns: 1, maxCellWidth: 50);
        var frame = Clips.Numbered(120, 30, 3);
        sheet.Add(frame, frame);
        Assert.Equal(3, sheet.Factor(120));
        var picture = sheet.ToFrame();
        Assert.Equal((40, (2 * 10) + XtSlice.Gap), (picture.Width, picture.Height));
        float expected = Enumerable.Range(0, 9).Sum(i => frame[(3 * 4) + (i % 3), (3 * 2) + (i / 3)][1]) / 9;
        Assert.Equal(expected, picture[4, 2][1], 5);
    }

    [Theory]
    [InlineData(10, 19, 4, new[] { 10, 13, 16, 19 })]
    [InlineData(0, 2, 8, new[] { 0, 1, 2 })]
    [InlineData(5, 5, 3, new[] { 5 })]
    public void Pick_SpreadsFramesEvenlyIncludingBothEnds(int first, int last, int count, int[] expected) =>
        Assert.Equal(expected, ContactSheet.Pick(first, last, count));

    [Fact]
    public void Add_FramesOfAnotherSize_Throws()
    {
        var sheet = new ContactSheet();
        sheet.Add(new Frame(8, 8), new Frame(8, 8));
        Assert.Throws<ArgumentException>(() => sheet.Add(new Frame(9, 8), new Frame(9, 8)));
    }
}
