namespace Tdm.Engine.Tests;

public class TdmEngineTests
{
    [Fact]
    public void DeviceDescription_HalfPrecisionOnCpu_NamesFloat16()
    {
        using var engine = new TdmEngine(new EngineOptions { Device = DeviceKind.Cpu, IntraOpThreads = 1, HalfPrecisionOnCpu = true });
        Assert.Equal("CPU, 1 thread, float16", engine.DeviceDescription);
    }

    [Fact]
    public void DeviceDescription_Cpu_NoPrecisionSuffix()
    {
        using var engine = new TdmEngine(new EngineOptions { Device = DeviceKind.Cpu, IntraOpThreads = 2 });
        Assert.Equal("CPU, 2 threads", engine.DeviceDescription);
    }
}
