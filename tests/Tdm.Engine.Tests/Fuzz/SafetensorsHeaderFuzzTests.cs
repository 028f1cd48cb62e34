using System.Buffers.Binary;
using CsCheck;
using Tdm.Engine.Checkpoints;
using Tdm.Tests.Fuzz;

namespace Tdm.Engine.Tests.Fuzz;

/// <summary>
/// Fuzzes the safetensors header reader: any bytes either parse into tensors that tile the data section exactly,
/// or are refused with a <see cref="CheckpointException"/>. Anything else (issue 12's InvalidOperationException on
/// "\ud800") fails, printed with the seed that replays it.
/// </summary>
[Trait("Category", "Fuzz")]
public class SafetensorsHeaderFuzzTests
{
    private const string Path = "/fuzz/x.safetensors";

    /// <summary>An input: the (mutated) header, the data length after it, and whether the 8-byte length prefix is
    /// the header's own (most inputs, so the JSON is reached) or mutated too.</summary>
    public sealed record Input(byte[] File, long FileLength);

    private static readonly Gen<Input> s_inputs =
        Gen.Select(Gen.Int[0, FuzzSeeds.Headers.Count - 1], ByteMutations.Edits(), Gen.Int[0, 3], ByteMutations.Edits(2), Gen.Long[-16, 16],
            (seed, edits, mode, prefixEdits, dataDelta) =>
            {
                var s = FuzzSeeds.Headers[seed];
                byte[] json = ByteMutations.Apply(s.Json, edits);
                var file = new byte[8 + json.Length];
                BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
                json.CopyTo(file, 8);
                if (mode == 0)
                    file = ByteMutations.Apply(file, prefixEdits); // the length prefix and all
                long length = Math.Max(0, file.Length + s.DataLength + (mode == 1 ? dataDelta : 0));
                return new Input(file, length);
            });

    [Fact]
    public void Parse_AnyBytes_TensorsTilingTheDataOrACheckpointException() =>
        FuzzRun.Sample(s_inputs, input =>
        {
            var span = Visible(input);
            SafetensorsHeader.Result header;
            try
            {
                header = SafetensorsHeader.Parse(Path, span, input.FileLength);
            }
            catch (CheckpointException e)
            {
                Assert.StartsWith(Path + ":", e.Message);
                return;
            }
            long cursor = header.DataStart;
            foreach (var t in header.Tensors.Values.OrderBy(t => t.FileOffset).ThenBy(t => t.End))
            {
                Assert.Equal(cursor, t.FileOffset);
                Assert.Equal(t.ElementCount * t.DType.Size(), t.ByteLength);
                cursor += t.ByteLength;
            }
            Assert.Equal(input.FileLength, cursor);
        }, defaultIterations: 20000, print: i => $"file length {i.FileLength}, {FuzzRun.Show(i.File)}");

    // What the memory map shows the reader: the file's bytes (data bytes are zeros, never read), up to the header.
    private static byte[] Visible(Input input)
    {
        if (input.FileLength < input.File.Length)
            return input.File[..(int)input.FileLength];
        if (input.File.Length < 8)
            return input.File;
        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(input.File);
        long needed = (long)Math.Min((ulong)input.FileLength, Math.Min(declared, SafetensorsFile.MaxHeaderLength) + 8);
        if (needed <= input.File.Length)
            return input.File;
        var padded = new byte[needed];
        input.File.CopyTo(padded, 0);
        return padded;
    }
}
