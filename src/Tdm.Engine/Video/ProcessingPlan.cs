namespace Tdm.Engine.Video;

/// <summary>
/// How a frame size is processed under a restoration's settings: the canvas the networks see (processing pixels,
/// multiples of 64) and the grid of tiles each network evaluation runs over (one tile covering the canvas when it
/// fits). Every frame of a clip has the same plan.
/// </summary>
/// <param name="Width">The canvas width in processing pixels.</param>
/// <param name="Height">The canvas height in processing pixels.</param>
/// <param name="Tiles">The tiles, row by row, in processing pixels.</param>
public sealed record ProcessingPlan(int Width, int Height, IReadOnlyList<(int X, int Y, int Width, int Height)> Tiles);
