namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>What a host sees of Tdm.ofx: the OpenFX entry points and nothing of the .NET runtime.</summary>
public class BundleExportsTests
{
    private static readonly string[] s_entryPoints = ["OfxGetNumberOfPlugins", "OfxGetPlugin", "OfxSetHost"];

    /// <summary>NativeAOT's debugger header: data read by debuggers, no function a host could bind to.</summary>
    private const string DebuggerHeader = "DotNetRuntimeDebugHeader";

    [Fact]
    public void DynamicSymbols_PublishedBundle_AreTheEntryPointsOnly()
    {
        var bundle = PluginBundle.Instance;
        var nm = Processes.Run("nm", ["-D", "--defined-only", bundle.Binary], null, TimeSpan.FromMinutes(1));
        Assert.Equal(0, nm.ExitCode);
        var symbols = nm.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 3 && f[1] != "A") // "A" lines are the version-script node (V1.0)
            .Select(f => f[2].Split('@')[0])
            .ToHashSet();
        foreach (var e in s_entryPoints)
            Assert.Contains(e, symbols);
        var others = symbols.Except(s_entryPoints).Except([DebuggerHeader]).ToList();
        Assert.True(others.Count == 0, $"Tdm.ofx exports runtime internals: {string.Join(", ", others)}");
    }

    [Fact]
    public void DynamicSection_PublishedBundle_FindsOnnxRuntimeBesideItself()
    {
        var bundle = PluginBundle.Instance;
        var readelf = Processes.Run("readelf", ["-d", bundle.Binary], null, TimeSpan.FromMinutes(1));
        Assert.Equal(0, readelf.ExitCode);
        Assert.Contains("Library runpath: [$ORIGIN]", readelf.StdOut);
        Assert.Contains("Shared library: [libonnxruntime.so.1]", readelf.StdOut);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(bundle.Binary)!, "libonnxruntime.so.1")));
    }
}
