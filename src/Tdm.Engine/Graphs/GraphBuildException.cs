namespace Tdm.Engine.Graphs;

/// <summary>A network graph cannot be built from its configuration (an unsupported layout or a defect).</summary>
internal sealed class GraphBuildException : TdmException
{
    /// <summary>Creates the exception.</summary>
    public GraphBuildException(string message, Exception? inner = null) : base(TdmErrorKind.Model, message, inner) { }
}
