using Tdm.Cli.Restore;
using Tdm.Engine;

namespace Tdm.Cli;

// Replaced by the adapter over TdmEngine/VideoRestorer when the engine facade is merged from main.
internal sealed class EngineRangeRestorerFactory : IRangeRestorerFactory
{
    public IRangeRestorer Open(ModelPaths model, EngineOptions options) =>
        throw new TdmException(TdmErrorKind.Internal, "this build of tdm has no engine yet (the facade is not merged)");
}
