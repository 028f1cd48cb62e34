namespace Tdm.OfxPlugin.Host;

/// <summary>The OpenFX parameter types this plugin declares.</summary>
internal enum ParamKind
{
    Integer,
    Double,
    Boolean,
    Choice,
    String,
    PushButton,
    Group,
    Page,
}

/// <summary>How a string parameter is edited (kOfxParamPropStringMode).</summary>
internal enum StringMode
{
    SingleLine,
    FilePath,
    DirectoryPath,
}

/// <summary>
/// One parameter as the plugin declares it: what DescribeInContext tells the host and what the tests compare the
/// host's record against. Numeric kinds use <see cref="Default"/> and both ranges (Resolve needs the display range
/// as well as the hard one); choices use <see cref="Options"/> with an index default; pages list their children.
/// </summary>
internal sealed record ParamDefinition(string Name, ParamKind Kind, string Label, string Hint)
{
    public double Default { get; init; }
    public double Min { get; init; }
    public double Max { get; init; }
    public double DisplayMin { get; init; }
    public double DisplayMax { get; init; }

    /// <summary>Decimal digits shown for doubles.</summary>
    public int Digits { get; init; } = 2;

    /// <summary>Slider increment for doubles.</summary>
    public double Increment { get; init; } = 0.1;

    public string DefaultString { get; init; } = "";
    public StringMode StringMode { get; init; }
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>The enclosing group's name (kOfxParamPropParent), if any.</summary>
    public string? Parent { get; init; }

    /// <summary>For pages: the names of the parameters shown on it, in order.</summary>
    public IReadOnlyList<string> Children { get; init; } = [];
}
