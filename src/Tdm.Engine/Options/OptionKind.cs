namespace Tdm.Engine.Options;

/// <summary>The kind of value a <see cref="MethodOption"/> takes, and so the kind of control a shell shows for it.</summary>
public enum OptionKind
{
    /// <summary>A whole number within the option's range (an <see cref="int"/>).</summary>
    Integer,
    /// <summary>A real number within the option's range (a <see cref="double"/>).</summary>
    Number,
    /// <summary>One of the option's <see cref="MethodOption.Choices"/>.</summary>
    Choice,
    /// <summary>Free text (a <see cref="string"/>).</summary>
    Text,
    /// <summary>On or off (a <see cref="bool"/>).</summary>
    Flag,
}
