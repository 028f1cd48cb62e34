namespace Tdm.Engine.Checkpoints;

public sealed partial class ModelInspector
{
    private ModelReport InspectFile(string path, string? tokenizerPath)
    {
        var problems = new List<string>();
        _ = tokenizerPath;
        Try(() => ModelSource.Open(path), problems);
        return new ModelReport(path, null, "unknown", false, [], problems, []);
    }
}
