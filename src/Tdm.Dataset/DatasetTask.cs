using Tdm.Dataset.Degradations;

namespace Tdm.Dataset;

/// <summary>
/// One task of the dataset: its name (the metadata's task key), its caption (the task prompt inference uses, from
/// <see cref="Tdm.Engine.Text.TaskPrompts"/>, or a custom task's own) and the degradations applied in order.
/// </summary>
public sealed record DatasetTask(string Name, string Prompt, IReadOnlyList<IDegradation> Degradations);
