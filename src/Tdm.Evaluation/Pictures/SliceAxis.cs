namespace Tdm.Evaluation.Pictures;

/// <summary>Which line of every frame an <see cref="XtSlice"/> stacks in time.</summary>
public enum SliceAxis
{
    /// <summary>One column of each frame; time runs left to right (an x-t image turned on its side: y-t).</summary>
    Column,
    /// <summary>One row of each frame; time runs top to bottom (x-t).</summary>
    Row,
}
