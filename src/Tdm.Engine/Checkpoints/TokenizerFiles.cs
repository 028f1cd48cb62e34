namespace Tdm.Engine.Checkpoints;

/// <summary>The CLIP tokenizer's files: vocab.json and merges.txt in one folder (what the tokenizer loads).</summary>
/// <param name="Folder">The folder holding both files.</param>
internal sealed record TokenizerFiles(string Folder)
{
    /// <summary>The token-to-id map.</summary>
    public const string VocabFileName = "vocab.json";

    /// <summary>The BPE merges.</summary>
    public const string MergesFileName = "merges.txt";

    /// <summary>Path of vocab.json.</summary>
    public string VocabPath => Path.Combine(Folder, VocabFileName);

    /// <summary>Path of merges.txt.</summary>
    public string MergesPath => Path.Combine(Folder, MergesFileName);

    /// <summary>The files in <paramref name="folder"/> or its tokenizer/ subfolder, or null when neither has both.</summary>
    internal static TokenizerFiles? TryFind(string folder)
    {
        foreach (string candidate in new[] { folder, Path.Combine(folder, "tokenizer") })
            if (File.Exists(Path.Combine(candidate, VocabFileName)) && File.Exists(Path.Combine(candidate, MergesFileName)))
                return new TokenizerFiles(Path.GetFullPath(candidate));
        return null;
    }

    /// <summary>Which of the two files <paramref name="folder"/> lacks, for messages.</summary>
    internal static string Lacking(string folder)
    {
        var missing = new[] { VocabFileName, MergesFileName }.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        return missing.Count == 0 ? "nothing" : string.Join(" and ", missing);
    }
}
