namespace Tdm.Engine.Models.Inspection;

/// <summary>
/// What a model folder or checkpoint is, in a user's terms (<c>tdm models inspect</c>): its family, each network's
/// architecture, parameter count, dtypes and file size, and every problem found, checked against the tensors the
/// engine's graphs read.
/// </summary>
public sealed class ModelInspection
{
    private ModelInspection(string text, bool usable)
    {
        Text = text;
        Usable = usable;
    }

    /// <summary>The report, one fact per line, ending with the verdict.</summary>
    public string Text { get; }

    /// <summary>True when restoring would accept it: the family is supported and no file, config, tokenizer file or
    /// tensor is missing, misshapen or corrupt, and a ControlNet is there.</summary>
    public bool Usable { get; }

    /// <summary>Inspects <paramref name="path"/> (a model folder or single file, or a ControlNet folder or file); never
    /// throws for a bad model: its problems are in the report.</summary>
    /// <param name="path">What to inspect.</param>
    /// <param name="tokenizer">A tokenizer folder to use instead of the model's.</param>
    /// <param name="controlNet">The ControlNet to restore with, checked with the model; without one, a model
    /// folder's controlnet/ is used and a model without any is reported as not usable (restoring refuses it).</param>
    public static ModelInspection Of(string path, string? tokenizer = null, string? controlNet = null)
    {
        var report = new ModelInspector().Inspect(path, tokenizer, null, controlNet);
        return new ModelInspection(report.Render(), !report.HasProblems);
    }
}
