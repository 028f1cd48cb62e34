namespace Tdm.OfxPlugin.Tests.Integration;

/// <summary>
/// The NativeAOT bundle, built once per test run by packaging/build-bundle.sh into the test project's obj folder
/// (an incremental publish when nothing changed). Run the tests under the shared build lock
/// (flock /tmp/tdm-build.lock dotnet test ...): the publish is a build.
/// </summary>
public sealed class PluginBundle
{
    private static readonly Lazy<PluginBundle> s_instance = new(Build);

    private PluginBundle(string path) => Path = path;

    /// <summary>The bundle built for this run.</summary>
    public static PluginBundle Instance => s_instance.Value;

    /// <summary>…/Tdm.ofx.bundle.</summary>
    public string Path { get; }

    /// <summary>…/Tdm.ofx.bundle/Contents/Linux-x86-64/Tdm.ofx.</summary>
    public string Binary => System.IO.Path.Combine(Path, "Contents", "Linux-x86-64", "Tdm.ofx");

    private static PluginBundle Build()
    {
        var root = Tdm.Tests.Golden.RepositoryRoot;
        var output = System.IO.Path.Combine(root, "tests", "Tdm.OfxPlugin.Tests", "obj", "bundle");
        var result = Processes.Run(System.IO.Path.Combine(root, "packaging", "build-bundle.sh"), ["--out", output], root, TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"packaging/build-bundle.sh failed ({result.ExitCode}):\n{result.StdOut}\n{result.StdErr}");
        return new PluginBundle(System.IO.Path.Combine(output, "Tdm.ofx.bundle"));
    }
}
