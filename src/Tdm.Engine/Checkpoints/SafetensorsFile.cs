using System.IO.MemoryMappedFiles;
using System.Text.Json;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// A memory-mapped .safetensors file: 8-byte little-endian header length, a JSON header, then the data section.
/// The header is validated on open; tensor bytes are read straight from the mapping and stay valid until
/// <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class SafetensorsFile : IDisposable
{
    /// <summary>The reference implementation's limit on the header's length.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;

    private SafetensorsFile(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, long length,
        long dataStart, Dictionary<string, SafetensorsTensor> tensors, Dictionary<string, string> metadata)
    {
        Path = path;
        _map = map;
        _view = view;
        FileLength = length;
        DataStart = dataStart;
        Tensors = tensors;
        Metadata = metadata;
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _base = p + view.PointerOffset;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The file's length in bytes.</summary>
    public long FileLength { get; }

    /// <summary>Absolute offset of the data section (8 + header length).</summary>
    public long DataStart { get; }

    /// <summary>The tensors by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsTensor> Tensors { get; }

    /// <summary>The optional "__metadata__" map.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens and validates <paramref name="path"/>; throws <see cref="CheckpointException"/> naming the
    /// file and tensor at fault.</summary>
    public static SafetensorsFile Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
            throw new CheckpointException(path, $"{path}: no such file");
        PickleGuard.ThrowIfPickle(path);
        long length = new FileInfo(path).Length;
        if (length < 8)
            throw new CheckpointException(path, $"{path}: {length} bytes is too short for a safetensors file (the 8-byte header length is missing)");

        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* p = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            try
            {
                var (dataStart, tensors, metadata) = SafetensorsHeader.Parse(path, new ReadOnlySpan<byte>(p + view.PointerOffset, (int)Math.Min(length, int.MaxValue)), length);
                return new SafetensorsFile(path, map, view, length, dataStart, tensors, metadata);
            }
            finally
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
            }
        }
        catch
        {
            view?.Dispose();
            map.Dispose();
            throw;
        }
    }

    /// <summary>The tensor named <paramref name="name"/>, or a <see cref="CheckpointException"/>.</summary>
    public SafetensorsTensor this[string name] => Tensors.TryGetValue(name, out var t)
        ? t
        : throw new CheckpointException(Path, $"{Path}: has no tensor '{name}'", name);

    /// <summary>A pointer to the first byte of <paramref name="tensor"/>'s data; valid until Dispose.</summary>
    public byte* DataPointer(SafetensorsTensor tensor) => _base + tensor.FileOffset;

    /// <summary>The raw bytes of a tensor (at most 2 GiB: split larger reads).</summary>
    public ReadOnlySpan<byte> GetBytes(SafetensorsTensor tensor) => new(DataPointer(tensor), checked((int)tensor.ByteLength));

    /// <summary>Reads a floating-point tensor (F32, F16 or BF16) as float32.</summary>
    public float[] ReadSingles(string name)
    {
        var t = this[name];
        var result = new float[t.ElementCount];
        WeightConversion.ToSingle(t.DType, GetBytes(t), result, Path, name);
        return result;
    }

    /// <summary>Unmaps the file.</summary>
    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
