using Tdm.Engine.Checkpoints;

namespace Tdm.Engine.Tests.Checkpoints;

public class PickleGuardTests
{
    [Theory]
    [InlineData("model.ckpt")]
    [InlineData("model.pth")]
    [InlineData("pytorch_model.bin")]
    [InlineData("model.PT")]
    public void Open_PickleExtension_IsRefusedWithoutReading(string name)
    {
        using var dir = new TempFolder();
        string path = RawSafetensors.Write(dir.File(name), RawSafetensors.OneTensor, new byte[8]); // valid bytes, wrong name
        var e = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Contains("pickle", e.Message);
        Assert.Contains("arbitrary code", e.Message);
        Assert.Contains(".safetensors", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20 }, "pickle")]
    [InlineData(new byte[] { 0x80, 0x04, 0x95, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, "pickle")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0 }, "zip/pickle archive")]
    public void Open_PickleContentWithSafetensorsName_IsRefused(byte[] head, string kind)
    {
        using var dir = new TempFolder();
        string path = dir.File("model.safetensors");
        File.WriteAllBytes(path, [.. head, .. new byte[64]]);
        var e = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Contains($"holds a PyTorch {kind}", e.Message);
    }

    [Fact]
    public void Open_HeaderLengthWhoseBytesReadLikePickleMagic_IsNotRefused()
    {
        // A 640-byte header starts the file with 0x80 0x02, the same two bytes as a protocol-2 pickle.
        using var dir = new TempFolder();
        string header = RawSafetensors.OneTensor.PadRight(640);
        string path = RawSafetensors.Write(dir.File("t.safetensors"), header, new byte[8]);
        Assert.Equal([0x80, 0x02], File.ReadAllBytes(path)[..2]);
        using var f = SafetensorsFile.Open(path);
        Assert.Single(f.Tensors);
    }
}
