using Tdm.Cli.Commands;

namespace Tdm.Cli.Tests.Commands;

public class FailureTests
{
    [Fact]
    public void Classify_OnnxRuntimeMissingInATypeInitializer_DeviceExitNamingTheLibrary()
    {
        var missing = new DllNotFoundException("Unable to load shared library 'onnxruntime' or one of its dependencies. In order to help diagnose loading problems, "
            + "consider using a tool like strace.\n/opt/tdm/libonnxruntime.so: cannot open shared object file");
        var error = new TypeInitializationException("Microsoft.ML.OnnxRuntime.NativeMethods", missing);

        var (code, message) = Failure.Classify(error, CancellationToken.None);

        Assert.Equal(ExitCodes.Device, code);
        Assert.Equal("a native library did not load (Unable to load shared library 'onnxruntime' or one of its dependencies): "
            + "tdm needs ONNX Runtime's libonnxruntime.so beside it or on LD_LIBRARY_PATH", message);
    }

    [Fact]
    public void Classify_OtherTypeInitializerFailure_StaysInternal()
    {
        var (code, _) = Failure.Classify(new TypeInitializationException("X", new InvalidOperationException("bug")), CancellationToken.None);
        Assert.Equal(ExitCodes.Internal, code);
    }
}
