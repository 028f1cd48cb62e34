namespace Tdm.Engine.Runtime;

/// <summary>What identifies a weight file in cache keys: its full path, size and modification time. Replacing or
/// editing the file changes it, so nothing built from the old file is reused.</summary>
internal static class FileIdentity
{
    public static string Of(string path)
    {
        var info = new FileInfo(path);
        return $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
    }
}
