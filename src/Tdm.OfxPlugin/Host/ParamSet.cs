using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>A host-owned parameter set: define parameters (descriptor) or look them up (instance).</summary>
internal readonly unsafe struct ParamSet(HostSuites suites, OfxParamSetHandle handle)
{
    public OfxParamSetHandle Handle { get; } = handle;

    /// <summary>Declares <paramref name="d"/> with its label, hint, default, ranges, options and parent.</summary>
    public void Define(ParamDefinition d)
    {
        var name = Utf8.Terminated(d.Name);
        OfxPropertySetHandle handle;
        fixed (byte* type = TypeName(d.Kind))
        fixed (byte* n = name)
            HostSuites.Check(suites.Parameter->paramDefine(Handle, type, n, &handle), "paramDefine", $"\"{d.Name}\"");
        var p = new PropertySet(suites, handle);
        p.SetString(OfxCoreNames.kOfxPropLabel, d.Label);
        if (d.Kind is ParamKind.Page)
        {
            for (var i = 0; i < d.Children.Count; i++)
                p.SetString(OfxParamNames.kOfxParamPropPageChild, d.Children[i], i);
            return;
        }
        p.SetString(OfxParamNames.kOfxParamPropHint, d.Hint);
        p.SetString(OfxParamNames.kOfxParamPropScriptName, d.Name);
        if (d.Parent is not null)
            p.SetString(OfxParamNames.kOfxParamPropParent, d.Parent);
        // Nothing animates: a chunk is restored once with one set of settings, whichever of its frames asked.
        if (d.Kind is not (ParamKind.Group or ParamKind.PushButton))
            p.SetInt(OfxParamNames.kOfxParamPropAnimates, 0);
        switch (d.Kind)
        {
            case ParamKind.Integer:
                p.SetInt(OfxParamNames.kOfxParamPropDefault, (int)d.Default);
                p.SetInt(OfxParamNames.kOfxParamPropMin, (int)d.Min);
                p.SetInt(OfxParamNames.kOfxParamPropMax, (int)d.Max);
                p.SetInt(OfxParamNames.kOfxParamPropDisplayMin, (int)d.DisplayMin);
                p.SetInt(OfxParamNames.kOfxParamPropDisplayMax, (int)d.DisplayMax);
                break;
            case ParamKind.Double:
                p.SetString(OfxParamNames.kOfxParamPropDoubleType, OfxParamNames.kOfxParamDoubleTypePlain);
                p.SetDouble(OfxParamNames.kOfxParamPropDefault, d.Default);
                p.SetDouble(OfxParamNames.kOfxParamPropMin, d.Min);
                p.SetDouble(OfxParamNames.kOfxParamPropMax, d.Max);
                p.SetDouble(OfxParamNames.kOfxParamPropDisplayMin, d.DisplayMin);
                p.SetDouble(OfxParamNames.kOfxParamPropDisplayMax, d.DisplayMax);
                p.SetDouble(OfxParamNames.kOfxParamPropIncrement, d.Increment);
                p.SetInt(OfxParamNames.kOfxParamPropDigits, d.Digits);
                break;
            case ParamKind.Boolean:
                p.SetInt(OfxParamNames.kOfxParamPropDefault, d.Default != 0 ? 1 : 0);
                break;
            case ParamKind.Choice:
                for (var i = 0; i < d.Options.Count; i++)
                    p.SetString(OfxParamNames.kOfxParamPropChoiceOption, d.Options[i], i);
                p.SetInt(OfxParamNames.kOfxParamPropDefault, (int)d.Default);
                break;
            case ParamKind.String:
                p.SetString(OfxParamNames.kOfxParamPropDefault, d.DefaultString);
                p.SetString(OfxParamNames.kOfxParamPropStringMode, d.StringMode switch
                {
                    StringMode.FilePath => OfxParamNames.kOfxParamStringIsFilePath,
                    StringMode.DirectoryPath => OfxParamNames.kOfxParamStringIsDirectoryPath,
                    _ => OfxParamNames.kOfxParamStringIsSingleLine,
                });
                if (d.StringMode is not StringMode.SingleLine)
                    p.SetInt(OfxParamNames.kOfxParamPropStringFilePathExists, 1);
                break;
        }
    }

    /// <summary>The instance's parameter called <paramref name="name"/>.</summary>
    public Param Get(string name)
    {
        var n8 = Utf8.Terminated(name);
        OfxParamHandle param;
        OfxPropertySetHandle props;
        fixed (byte* n = n8)
            HostSuites.Check(suites.Parameter->paramGetHandle(Handle, n, &param, &props), "paramGetHandle", $"\"{name}\"");
        return new Param(suites, param, name);
    }

    private static ReadOnlySpan<byte> TypeName(ParamKind kind) => kind switch
    {
        ParamKind.Integer => OfxParamNames.kOfxParamTypeInteger,
        ParamKind.Double => OfxParamNames.kOfxParamTypeDouble,
        ParamKind.Boolean => OfxParamNames.kOfxParamTypeBoolean,
        ParamKind.Choice => OfxParamNames.kOfxParamTypeChoice,
        ParamKind.String => OfxParamNames.kOfxParamTypeString,
        ParamKind.PushButton => OfxParamNames.kOfxParamTypePushButton,
        ParamKind.Group => OfxParamNames.kOfxParamTypeGroup,
        _ => OfxParamNames.kOfxParamTypePage,
    };
}
