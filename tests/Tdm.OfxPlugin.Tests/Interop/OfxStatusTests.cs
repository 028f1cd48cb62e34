using Tdm.OfxPlugin.Interop;

namespace Tdm.OfxPlugin.Tests.Interop;

public class OfxStatusTests
{
    [Theory]
    [InlineData(OfxStatus.kOfxStatOK, 0)]
    [InlineData(OfxStatus.kOfxStatFailed, 1)]
    [InlineData(OfxStatus.kOfxStatErrFatal, 2)]
    [InlineData(OfxStatus.kOfxStatErrMissingHostFeature, 4)]
    [InlineData(OfxStatus.kOfxStatErrBadHandle, 9)]
    [InlineData(OfxStatus.kOfxStatErrValue, 11)]
    [InlineData(OfxStatus.kOfxStatReplyYes, 12)]
    [InlineData(OfxStatus.kOfxStatReplyNo, 13)]
    [InlineData(OfxStatus.kOfxStatReplyDefault, 14)]
    [InlineData(OfxStatus.kOfxStatErrImageFormat, 1000)]
    public void Status_AsDeclared_HasHeaderValue(int declared, int header) => Assert.Equal(header, declared);

    [Fact]
    public void Name_KnownAndUnknownCodes_NamesMacroOrNumber()
    {
        Assert.Equal("kOfxStatErrBadHandle", OfxStatus.Name(9));
        Assert.Equal("status 77", OfxStatus.Name(77));
    }
}
