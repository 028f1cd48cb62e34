using System.Globalization;
using System.Text;

using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Models.Inspection;

/// <summary>What <c>tdm models inspect PATH</c> reports: the layout, the family, each network, and every problem.</summary>
/// <param name="Path">The inspected path.</param>
/// <param name="Layout">How it is laid out; null when it is not a model at all.</param>
/// <param name="Family">"SD1.x", "ControlNet SD1.x", or what it is when refused ("SDXL", "SD2.x", ...).</param>
/// <param name="Supported">True when TDM runs this family.</param>
/// <param name="Components">The networks found.</param>
/// <param name="Problems">Problems not tied to one network's tensors (missing files, refusals, tokenizer).</param>
/// <param name="Notes">Facts worth knowing (tokenizer and scheduler found, defaults used).</param>
internal sealed record ModelReport(
    string Path,
    CheckpointLayout? Layout,
    string Family,
    bool Supported,
    IReadOnlyList<ComponentReport> Components,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when anything is wrong: a refusal, a missing file, a missing or misshapen tensor.</summary>
    public bool HasProblems => !Supported || Problems.Count > 0 || Components.Any(c => c.Problems.Count > 0);

    /// <summary>The report as text, one fact per line.</summary>
    public string Render()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(inv, $"{Path}\n");
        text.Append(inv, $"  layout:       {LayoutName(Layout)}\n");
        text.Append(inv, $"  family:       {Family}{(Supported ? "" : " (not supported)")}\n");
        foreach (string note in Notes)
            text.Append(inv, $"  note:         {note}\n");
        foreach (var c in Components)
            c.Render(text);
        foreach (string p in Problems)
            text.Append(inv, $"  PROBLEM:      {p}\n");
        int count = Problems.Count + Components.Sum(c => c.Problems.Count);
        text.Append(inv, $"  result:       {(HasProblems ? $"{Math.Max(count, 1)} problem(s)" : "usable")}\n");
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Render();

    /// <summary>The words for a layout.</summary>
    public static string LayoutName(CheckpointLayout? layout) => layout switch
    {
        CheckpointLayout.DiffusersFolder => "diffusers folder",
        CheckpointLayout.SingleFile => "single file (LDM / A1111 / ComfyUI layout)",
        CheckpointLayout.ControlNetFolder => "ControlNet folder (diffusers)",
        CheckpointLayout.ControlNetFile => "ControlNet file (lllyasviel layout)",
        _ => "not a model",
    };
}
