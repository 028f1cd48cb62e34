namespace Tdm.Engine.Checkpoints;

public sealed partial class ModelSource
{
    private static ModelSource OpenFile(string path, string? tokenizerPath, List<string> notes)
    {
        PickleGuard.ThrowIfPickle(path);
        _ = tokenizerPath;
        _ = notes;
        throw new CheckpointException(path, $"{path}: single-file checkpoints are not read yet; pass {DiffusersFolder.ExpectedModelFolder}");
    }

    private static ComponentSource<ControlNetConfig> OpenControlNetFile(string path)
    {
        PickleGuard.ThrowIfPickle(path);
        throw new CheckpointException(path, $"{path}: single-file ControlNets are not read yet; pass {DiffusersFolder.ExpectedControlNetFolder}");
    }

    private static TokenizerFiles FileTokenizer(string checkpoint) =>
        throw new CheckpointException(checkpoint, $"{checkpoint}: single-file checkpoints are not read yet");
}
