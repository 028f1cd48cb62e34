using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Host;

/// <summary>A host-owned parameter set: define parameters (descriptor) or look them up (instance).</summary>
internal readonly unsafe struct ParamSet(HostSuites suites, OfxParamSetHandle handle)
{
    public OfxParamSetHandle Handle { get; } = handle;

    /// <summary>The parameter set's own properties (paramSetGetPropertySet): the page order, syncing.</summary>
    public PropertySet Properties
    {
        get
        {
            OfxPropertySetHandle props;
            HostSuites.Check(suites.Parameter->paramSetGetPropertySet(Handle, &props), "paramSetGetPropertySet", "");
            return new PropertySet(suites, props);
        }
    }

    /// <summary>
    /// Declares <paramref name="d"/>. Required: the parameter itself and what its values mean (default, hard range,
    /// choices). Best effort (hosts may not know them): label, hint, script name (the name is its default), parent
    /// group, page children, animation, display range, slider and string-editor hints.
    /// </summary>
    public void Define(ParamDefinition d)
    {
        var name = Utf8.Terminated(d.Name);
        OfxPropertySetHandle handle;
        fixed (byte* type = TypeName(d.Kind))
        fixed (byte* n = name)
            HostSuites.Check(suites.Parameter->paramDefine(Handle, type, n, &handle), "paramDefine", $"\"{d.Name}\"");
        var p = new PropertySet(suites, handle);
        p.TrySetString(OfxCoreNames.kOfxPropLabel, d.Label);
        if (d.Kind is ParamKind.Page)
        {
            p.TrySetStrings(OfxParamNames.kOfxParamPropPageChild, d.Children);
            return;
        }
        p.TrySetString(OfxParamNames.kOfxParamPropHint, d.Hint);
        p.TrySetString(OfxParamNames.kOfxParamPropScriptName, d.Name);
        if (d.Parent is not null)
            p.TrySetString(OfxParamNames.kOfxParamPropParent, d.Parent);
        // Nothing animates: a chunk is restored once with one set of settings, whichever of its frames asked.
        if (d.Kind is not (ParamKind.Group or ParamKind.PushButton))
            p.TrySetInt(OfxParamNames.kOfxParamPropAnimates, 0);
        switch (d.Kind)
        {
            case ParamKind.Integer:
                p.SetInt(OfxParamNames.kOfxParamPropDefault, (int)d.Default);
                p.SetInt(OfxParamNames.kOfxParamPropMin, (int)d.Min);
                p.SetInt(OfxParamNames.kOfxParamPropMax, (int)d.Max);
                p.TrySetInt(OfxParamNames.kOfxParamPropDisplayMin, (int)d.DisplayMin);
                p.TrySetInt(OfxParamNames.kOfxParamPropDisplayMax, (int)d.DisplayMax);
                break;
            case ParamKind.Double:
                p.SetDouble(OfxParamNames.kOfxParamPropDefault, d.Default);
                p.SetDouble(OfxParamNames.kOfxParamPropMin, d.Min);
                p.SetDouble(OfxParamNames.kOfxParamPropMax, d.Max);
                p.TrySetString(OfxParamNames.kOfxParamPropDoubleType, OfxParamNames.kOfxParamDoubleTypePlain);
                p.TrySetDouble(OfxParamNames.kOfxParamPropDisplayMin, d.DisplayMin);
                p.TrySetDouble(OfxParamNames.kOfxParamPropDisplayMax, d.DisplayMax);
                p.TrySetDouble(OfxParamNames.kOfxParamPropIncrement, d.Increment);
                p.TrySetInt(OfxParamNames.kOfxParamPropDigits, d.Digits);
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
                p.TrySetString(OfxParamNames.kOfxParamPropStringMode, d.StringMode switch
                {
                    StringMode.FilePath => OfxParamNames.kOfxParamStringIsFilePath,
                    StringMode.DirectoryPath => OfxParamNames.kOfxParamStringIsDirectoryPath,
                    _ => OfxParamNames.kOfxParamStringIsSingleLine,
                });
                if (d.StringMode is not StringMode.SingleLine)
                    p.TrySetInt(OfxParamNames.kOfxParamPropStringFilePathExists, 1);
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
