using System.Runtime.InteropServices;
using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Tests.Interop;

/// <summary>The C structs' sizes on x86-64: a suite is its function count times 8 bytes, in header order.</summary>
public unsafe class OfxLayoutTests
{
    [Fact]
    public void OfxPlugin_Layout_Is48BytesWithHeaderOffsets()
    {
        Assert.Equal(48, sizeof(OfxPlugin.Interop.OfxPlugin));
        Assert.Equal(8, (int)Marshal.OffsetOf<OfxPlugin.Interop.OfxPlugin>(nameof(OfxPlugin.Interop.OfxPlugin.apiVersion)));
        Assert.Equal(16, (int)Marshal.OffsetOf<OfxPlugin.Interop.OfxPlugin>(nameof(OfxPlugin.Interop.OfxPlugin.pluginIdentifier)));
        Assert.Equal(24, (int)Marshal.OffsetOf<OfxPlugin.Interop.OfxPlugin>(nameof(OfxPlugin.Interop.OfxPlugin.pluginVersionMajor)));
        Assert.Equal(32, (int)Marshal.OffsetOf<OfxPlugin.Interop.OfxPlugin>(nameof(OfxPlugin.Interop.OfxPlugin.setHost)));
        Assert.Equal(40, (int)Marshal.OffsetOf<OfxPlugin.Interop.OfxPlugin>(nameof(OfxPlugin.Interop.OfxPlugin.mainEntry)));
    }

    [Fact]
    public void Suites_Layout_HaveHeaderFunctionCounts()
    {
        Assert.Equal(16, sizeof(OfxHost));
        Assert.Equal(18 * 8, sizeof(OfxPropertySuiteV1));
        Assert.Equal(13 * 8, sizeof(OfxImageEffectSuiteV1));
        Assert.Equal(18 * 8, sizeof(OfxParameterSuiteV1));
        Assert.Equal(2 * 8, sizeof(OfxMemorySuiteV1));
        Assert.Equal(9 * 8, sizeof(OfxMultiThreadSuiteV1));
        Assert.Equal(1 * 8, sizeof(OfxMessageSuiteV1));
        Assert.Equal(3 * 8, sizeof(OfxMessageSuiteV2));
        Assert.Equal(3 * 8, sizeof(OfxProgressSuiteV1));
        Assert.Equal(3 * 8, sizeof(OfxProgressSuiteV2));
        Assert.Equal(16, sizeof(OfxRectI));
        Assert.Equal(32, sizeof(OfxRectD));
    }

    [Fact]
    public void PluginStruct_AsExported_NamesImageEffectApiAndIdentifier()
    {
        var p = PluginExports.PluginForTests();
        Assert.Equal("OfxImageEffectPluginAPI", Marshal.PtrToStringUTF8((nint)p->pluginApi));
        Assert.Equal(1, p->apiVersion);
        Assert.Equal("org.tdm.restore", Marshal.PtrToStringUTF8((nint)p->pluginIdentifier));
        Assert.True(p->setHost != null && p->mainEntry != null);
    }
}
