using Tdm.Engine.Graphs;

namespace Tdm.Engine.Diffusion;

/// <summary>One tile of the latent, in latent pixels (one latent pixel is 8 image pixels).</summary>
internal readonly record struct LatentTile(int X, int Y, int Width, int Height);

/// <summary>
/// The fixed grid of overlapping latent tiles a frame larger than one tile is processed in (Mixture of Diffusers,
/// StableSR, DiffBIR): at every network evaluation each tile's ControlNet + U-Net run on its crop of the latent and of
/// the control image, and the tiles' noise predictions are blended into the whole latent with weights that fall
/// smoothly to zero at a tile's inner edges (a raised-cosine ramp over the overlap, 1 inside and along the frame's
/// border), normalised by their sum. Blending every step, rather than restoring tiles apart and pasting them, is what
/// keeps tiles from seaming and ghosting. The grid depends only on the latent size and the options, so every frame of
/// a clip uses the same tiles and SW-CFA mixes a tile with the same tile of its neighbours.
/// </summary>
internal sealed class LatentTiles
{
    private LatentTiles(int width, int height, int overlap, IReadOnlyList<LatentTile> tiles)
    {
        Width = width;
        Height = height;
        Overlap = overlap;
        Tiles = tiles;
    }

    /// <summary>The latent's width.</summary>
    public int Width { get; }

    /// <summary>The latent's height.</summary>
    public int Height { get; }

    /// <summary>The overlap the weights ramp over, in latent pixels.</summary>
    public int Overlap { get; }

    /// <summary>The tiles, row by row; one tile covering everything when the latent fits in a tile.</summary>
    public IReadOnlyList<LatentTile> Tiles { get; }

    /// <summary>True when the latent is one tile: the networks run on it whole, exactly as without tiling.</summary>
    public bool IsWhole => Tiles.Count == 1;

    /// <summary>
    /// The grid for a <paramref name="width"/> x <paramref name="height"/> latent with tiles of <paramref name="tile"/>
    /// latent pixels (a multiple of 8: the U-Net halves a tile three times) overlapping by at least
    /// <paramref name="overlap"/>. Tiles along an axis are spread evenly from edge to edge, so their overlaps are
    /// equal and at least the one asked for.
    /// </summary>
    public static LatentTiles For(int width, int height, int tile, int overlap)
    {
        if (tile < 8 || tile % 8 != 0)
            throw new TdmException(TdmErrorKind.BadArgument, $"a latent tile of {tile} is not a positive multiple of 8");
        if (overlap < 0 || overlap >= tile)
            throw new TdmException(TdmErrorKind.BadArgument, $"a tile overlap of {overlap} must be from 0 to less than the tile {tile}");
        var xs = Starts(width, tile, overlap);
        var ys = Starts(height, tile, overlap);
        var tiles = (from y in ys from x in xs select new LatentTile(x, y, Math.Min(tile, width), Math.Min(tile, height))).ToList();
        return new LatentTiles(width, height, overlap, tiles);
    }

    /// <summary>The blending weight of each latent pixel of <paramref name="tile"/>, [h, w] row-major.</summary>
    public float[] Weights(LatentTile tile)
    {
        var wx = Ramp(tile.X, tile.Width, Width);
        var wy = Ramp(tile.Y, tile.Height, Height);
        var w = new float[tile.Width * tile.Height];
        for (int y = 0; y < tile.Height; y++)
            for (int x = 0; x < tile.Width; x++)
                w[(y * tile.Width) + x] = wx[x] * wy[y];
        return w;
    }

    /// <summary>The sum of every tile's weight at each latent pixel, [H, W]; positive everywhere.</summary>
    public float[] WeightSum()
    {
        var sum = new float[Width * Height];
        foreach (var tile in Tiles)
        {
            var w = Weights(tile);
            for (int y = 0; y < tile.Height; y++)
                for (int x = 0; x < tile.Width; x++)
                    sum[((tile.Y + y) * Width) + tile.X + x] += w[(y * tile.Width) + x];
        }
        return sum;
    }

    // Starts of tiles of length `tile` covering [0, size): one tile when it fits, else the fewest tiles whose
    // overlaps reach `overlap`, spread evenly (rounded to whole latent pixels).
    private static int[] Starts(int size, int tile, int overlap)
    {
        if (size <= tile)
            return [0];
        int count = (int)Math.Ceiling((double)(size - overlap) / (tile - overlap));
        return Enumerable.Range(0, count).Select(i => (int)Math.Round((double)i * (size - tile) / (count - 1))).ToArray();
    }

    // The 1-D weight over a tile at `start` of length `length` in [0, size): a raised cosine over the overlap on each
    // side that has a neighbour (sampled at pixel centres, so it never reaches 0 exactly), 1 elsewhere.
    private float[] Ramp(int start, int length, int size)
    {
        var w = new float[length];
        for (int p = 0; p < length; p++)
        {
            double v = 1;
            if (Overlap > 0 && start > 0 && p < Overlap)
                v = Math.Min(v, 0.5 - (0.5 * Math.Cos(Math.PI * (p + 0.5) / Overlap)));
            if (Overlap > 0 && start + length < size && length - 1 - p < Overlap)
                v = Math.Min(v, 0.5 - (0.5 * Math.Cos(Math.PI * (length - 1 - p + 0.5) / Overlap)));
            w[p] = (float)v;
        }
        return w;
    }

    /// <summary>Input and output names of the tile graphs.</summary>
    public const string Whole = "whole", Part = "part", Weight = "weight", Starts4 = "starts", Ends4 = "ends", Pads = "pads", Sum = "sum", Result = "result";

    /// <summary>Crop: result = whole[:, :, y0:y1, x0:x1] (starts and ends are int64 [2]: y, x).</summary>
    public static GraphBuilder CropGraph()
    {
        var g = new GraphBuilder("tile_crop", TensorType.Float);
        var x = g.InputOfAnyShape(Whole, TensorType.Float);
        var part = g.Slice(x, g.Input(Starts4, TensorType.Int64, 2), g.Input(Ends4, TensorType.Int64, 2), g.Int64s(2, 3));
        g.OutputOfAnyShape(Result, part, TensorType.Float);
        return g;
    }

    /// <summary>Blend: result = whole + pad(part x weight) (pads int64 [8] as ONNX Pad takes them: begins then ends of
    /// N, C, H, W). Without <paramref name="accumulate"/> the first tile starts the sum: result = pad(part x weight).</summary>
    public static GraphBuilder BlendGraph(bool accumulate)
    {
        var g = new GraphBuilder(accumulate ? "tile_blend_add" : "tile_blend_first", TensorType.Float);
        var part = g.InputOfAnyShape(Part, TensorType.Float);
        var weighted = g.Mul(part, g.Input(Weight, TensorType.Float, 1, 1, "height", "width"));
        var placed = g.Op("Pad", [weighted, g.Input(Pads, TensorType.Int64, 8)]);
        g.OutputOfAnyShape(Result, accumulate ? g.Add(g.InputOfAnyShape(Whole, TensorType.Float), placed) : placed, TensorType.Float);
        return g;
    }

    /// <summary>Rows: result = whole[start:end] along the batch axis (starts and ends int64 [1]): one tile's part of
    /// a batch of tiles.</summary>
    public static GraphBuilder RowsGraph()
    {
        var g = new GraphBuilder("tile_rows", TensorType.Float);
        var x = g.InputOfAnyShape(Whole, TensorType.Float);
        var part = g.Slice(x, g.Input(Starts4, TensorType.Int64, 1), g.Input(Ends4, TensorType.Int64, 1), g.Int64s(0));
        g.OutputOfAnyShape(Result, part, TensorType.Float);
        return g;
    }

    /// <summary>Normalise: result = whole / sum (sum [1, 1, H, W], the weights' sum).</summary>
    public static GraphBuilder NormaliseGraph()
    {
        var g = new GraphBuilder("tile_normalise", TensorType.Float);
        var x = g.InputOfAnyShape(Whole, TensorType.Float);
        g.OutputOfAnyShape(Result, g.Div(x, g.Input(Sum, TensorType.Float, 1, 1, "height", "width")), TensorType.Float);
        return g;
    }
}
