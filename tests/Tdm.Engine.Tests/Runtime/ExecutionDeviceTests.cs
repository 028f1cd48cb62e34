using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;

namespace Tdm.Engine.Tests.Runtime;

public class ExecutionDeviceTests
{
    [Fact]
    public void ComputeType_PerDevice_Float32OnCpuFloat16OnCudaAndOnCpuWhenAsked()
    {
        Assert.Equal(TensorType.Float, ExecutionDevice.Cpu(1).ComputeType);
        Assert.Equal(TensorType.Float16, new ExecutionDevice(true, 0, 1, "CUDA device 0").ComputeType);
        Assert.Equal(TensorType.Float16, (ExecutionDevice.Cpu(1) with { HalfPrecisionOnCpu = true }).ComputeType);
    }

    [Fact]
    public void GraphCacheKey_HalfPrecisionOnCpu_DiffersFromTheFloat32Graphs()
    {
        var cpu = ExecutionDevice.Cpu(1);
        Assert.NotEqual(GraphCache.Key("unet", "{}", [], cpu), GraphCache.Key("unet", "{}", [], cpu with { HalfPrecisionOnCpu = true }));
    }
}
