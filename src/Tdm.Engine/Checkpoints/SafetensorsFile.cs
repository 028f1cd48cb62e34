using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Tdm.Engine.Checkpoints;

/// <summary>
/// A memory-mapped .safetensors file: 8-byte little-endian header length, a JSON header, then the data section.
/// The header is validated on open (see <see cref="SafetensorsHeader"/>); tensor bytes are read straight from the
/// mapping and stay valid until <see cref="Dispose"/>. Whoever opens a file owns it and disposes it; views over it
/// (<see cref="ComponentWeights"/>) do not.
/// </summary>
internal sealed unsafe class SafetensorsFile : IDisposable
{
    /// <summary>The reference implementation's limit on the header's length.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private int _disposed;

    private SafetensorsFile(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, long length,
        SafetensorsHeader.Result header)
    {
        Path = path;
        _map = map;
        _view = view;
        FileLength = length;
        DataStart = header.DataStart;
        Tensors = header.Tensors;
        Metadata = header.Metadata;
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

    /// <summary>The optional "__metadata__" map (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// Opens and validates <paramref name="path"/>. Pickle checkpoints (.ckpt, .pth, .bin, or pickle content under
    /// any name) are refused before anything is parsed. Throws <see cref="CheckpointException"/> naming the file and
    /// the tensor at fault. The caller owns the result and must dispose it.
    /// </summary>
    public static SafetensorsFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(path))
            throw new CheckpointException(path, $"{path}: is a folder, not a .safetensors file");
        if (RegularFile.Problem(path) is { } problem)
            throw new CheckpointException(path, RegularFile.Message(path, "the checkpoint", problem));
        if (!File.Exists(path))
            throw new CheckpointException(path, $"{path}: no such file");
        PickleGuard.ThrowIfPickleName(path);

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"{path}: cannot be opened ({e.Message})", null, e);
        }

        MemoryMappedFile? map = null;
        MemoryMappedViewAccessor? view = null;
        try
        {
            long length = stream.Length;
            Span<byte> head = stackalloc byte[9];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            PickleGuard.ThrowIfPickleContent(path, head[..n], length);
            if (length < 8) // an empty file cannot be mapped; Parse words the error
                SafetensorsHeader.Parse(path, head[..n], length);

            map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* p = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            try
            {
                // Only the length and header bytes are handed to the parser: nothing past the mapping is touched.
                int visible = (int)Math.Min(length, 8 + MaxHeaderLength);
                var header = SafetensorsHeader.Parse(path, new ReadOnlySpan<byte>(p + view.PointerOffset, visible), length);
                return new SafetensorsFile(path, map, view, length, header);
            }
            finally
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
            }
        }
        catch
        {
            view?.Dispose();
            if (map != null)
                map.Dispose();
            else
                stream.Dispose();
            throw;
        }
    }

    /// <summary>The tensor named <paramref name="name"/>, or a <see cref="CheckpointException"/>.</summary>
    public SafetensorsTensor this[string name] => Tensors.TryGetValue(name, out var t)
        ? t
        : throw new CheckpointException(Path, $"{Path}: has no tensor '{name}'", name);

    /// <summary>A pointer to the first byte of <paramref name="tensor"/>'s data; valid until Dispose.</summary>
    public byte* DataPointer(SafetensorsTensor tensor)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _base + tensor.FileOffset;
    }

    /// <summary>The raw bytes of a tensor, valid until Dispose (at most 2 GiB: use <see cref="DataPointer"/> for
    /// larger tensors).</summary>
    public ReadOnlySpan<byte> GetBytes(SafetensorsTensor tensor)
    {
        if (tensor.ByteLength > int.MaxValue)
            throw new CheckpointException(Path, $"{Path}: tensor '{tensor.Name}' has {tensor.ByteLength} bytes, more than one span can hold; read it through DataPointer", tensor.Name);
        return new(DataPointer(tensor), (int)tensor.ByteLength);
    }

    /// <summary>Reads a floating-point tensor (F32, F16 or BF16) as float32 into a new array.</summary>
    public float[] ReadSingles(string name)
    {
        var t = this[name];
        var result = new float[t.ElementCount];
        WeightConversion.ToSingle(t.DType, GetBytes(t), result, Path, name);
        return result;
    }

    /// <summary>Reads an I64 tensor into a new array.</summary>
    public long[] ReadInt64s(string name)
    {
        var t = this[name];
        if (t.DType != SafetensorsDType.I64)
            throw new CheckpointException(Path, $"{Path}: tensor '{name}' is {t.DType.HeaderName()}, expected I64", name);
        return MemoryMarshal.Cast<byte, long>(GetBytes(t)).ToArray();
    }

    /// <summary>Unmaps the file; pointers and spans handed out before become invalid. Safe to call twice.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
