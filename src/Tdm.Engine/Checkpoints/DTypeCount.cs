namespace Tdm.Engine.Checkpoints;

/// <summary>How many of a network's tensors and parameters are stored as <paramref name="DType"/>.</summary>
internal readonly record struct DTypeCount(SafetensorsDType DType, int Tensors, long Parameters);
