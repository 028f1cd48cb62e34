using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Tdm.Engine.Imaging;

namespace Tdm.Engine.Video;

/// <summary>
/// Identifies a restored chunk by everything that determines its pixels: the model, the settings, where the owned
/// frames sit in the context, and the content of every context frame (a 128-bit xxHash of its pixels). Editing
/// one frame upstream changes the key of exactly the chunks whose context contains it.
/// </summary>
internal readonly record struct ChunkKey(UInt128 Value)
{
    /// <summary>Hashes the inputs of one chunk.</summary>
    public static ChunkKey Of(string model, string settings, int ownedOffset, int ownedCount, IReadOnlyList<Frame> context)
    {
        var hash = new XxHash128();
        hash.Append(Encoding.UTF8.GetBytes(model));
        hash.Append(Encoding.UTF8.GetBytes(settings));
        Span<int> layout = [ownedOffset, ownedCount, context.Count];
        hash.Append(MemoryMarshal.AsBytes(layout));
        foreach (var frame in context)
        {
            Span<int> size = [frame.Width, frame.Height];
            hash.Append(MemoryMarshal.AsBytes(size));
            hash.Append(MemoryMarshal.AsBytes(frame.Pixels.AsSpan()));
        }
        return new ChunkKey(hash.GetCurrentHashAsUInt128());
    }
}
