using Tdm.Cli.Bench;
using Tdm.Cli.Tests.Support;
using Tdm.Engine;
using Tdm.Engine.Models.Synthetic;

namespace Tdm.Cli.Tests.Bench;

public sealed class BenchModelsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Synthesized_CacheFolderIsAFile_OutputErrorNamingItNotAnInternalOne()
    {
        File.WriteAllText(_folder["cache"], "");
        var console = new CliConsole(new StringWriter(), new StringWriter(), false);

        var e = Assert.Throws<TdmException>(() =>
            BenchModels.Synthesized(SyntheticArchitecture.Tiny, new EngineOptions { CacheDirectory = _folder["cache"] }, console));

        Assert.Equal(TdmErrorKind.Output, e.Kind);
        Assert.StartsWith($"cannot write the benchmark model into '{_folder["cache/bench-models/tiny"]}'", e.Message);
        Assert.Contains("--cache-dir", e.Message);
    }
}
