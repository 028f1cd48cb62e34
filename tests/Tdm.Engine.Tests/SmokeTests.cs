namespace Tdm.Engine.Tests;

public class SmokeTests
{
    [Fact]
    public void Golden_Root_Exists() => Assert.True(Directory.Exists(Tdm.Tests.Golden.Root));
}
