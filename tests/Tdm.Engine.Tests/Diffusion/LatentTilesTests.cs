using Tdm.Engine.Diffusion;

namespace Tdm.Engine.Tests.Diffusion;

public class LatentTilesTests
{
    [Fact]
    public void For_LatentThatFits_IsOneWholeTile()
    {
        var grid = LatentTiles.For(40, 24, 64, 16);
        Assert.True(grid.IsWhole);
        Assert.Equal(new LatentTile(0, 0, 40, 24), Assert.Single(grid.Tiles));
    }

    [Theory]
    [InlineData(240, 136, 64, 16)] // 1920x1088
    [InlineData(480, 272, 64, 16)] // 3840x2176
    [InlineData(48, 16, 16, 8)]
    [InlineData(65, 64, 64, 0)]
    public void For_LargerLatent_CoversEveryPixelWithOverlapsOfAtLeastTheAskedAndPositiveWeights(int width, int height, int tile, int overlap)
    {
        var grid = LatentTiles.For(width, height, tile, overlap);
        Assert.All(grid.Tiles, t => Assert.True(t.X >= 0 && t.Y >= 0 && t.X + t.Width <= width && t.Y + t.Height <= height, $"{t} leaves the latent"));
        var xs = grid.Tiles.Select(t => t.X).Distinct().Order().ToList();
        for (int i = 1; i < xs.Count; i++)
            Assert.True(xs[i - 1] + tile - xs[i] >= overlap, $"tiles at {xs[i - 1]} and {xs[i]} overlap by less than {overlap}");
        var sum = grid.WeightSum();
        Assert.All(sum, s => Assert.True(s > 0, "a latent pixel no tile weighs"));
    }

    [Fact]
    public void Weights_FallTowardsZeroAtInnerEdgesAndStayOneAlongTheFrameBorder()
    {
        var grid = LatentTiles.For(48, 16, 16, 4);
        var first = grid.Tiles[0];
        var w = grid.Weights(first);
        Assert.Equal(1f, w[0]);                                   // frame border: full weight
        Assert.True(w[first.Width - 1] < 0.05f, $"inner edge weight {w[first.Width - 1]}");
        var middle = grid.Weights(grid.Tiles[1]);
        Assert.True(middle[0] < 0.05f && middle[first.Width / 2] == 1f);
    }

    [Theory]
    [InlineData(60, 8)]
    [InlineData(64, 64)]
    [InlineData(64, -1)]
    public void For_BadTileOrOverlap_IsABadArgument(int tile, int overlap) =>
        Assert.Equal(TdmErrorKind.BadArgument, Assert.Throws<TdmException>(() => LatentTiles.For(100, 100, tile, overlap)).Kind);
}
