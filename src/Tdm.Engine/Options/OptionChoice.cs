namespace Tdm.Engine.Options;

/// <summary>One value of a choice option: its short name (command lines, saved settings, cache keys), its label
/// (menus) and the value it stands for (an enum member or a number).</summary>
public sealed record OptionChoice(string Name, string Label, object Value);
